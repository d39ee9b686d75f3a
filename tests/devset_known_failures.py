"""Development-set facts the pipeline gets wrong today, each with what it gave (the xfail reason).

tests/test_devset.py marks these strict xfails. When a fix makes one pass, its test XPASSes and fails:
delete its line here. Never add a line to hide a regression: a fact that used to pass must keep passing.
"""

KNOWN_FAILURES: dict[str, str] = {
    '14-berlin-pronouns::quote[Our support for Moldova does not]::speaker':
        "observed: 'Our support for Moldova does not depend on who gov' → (name='Dorin Recean' text='minister' country=MDA code=MDAGOV)",
}
