"""Development-set facts the pipeline gets wrong today, each with what it gave (the xfail reason).

tests/test_devset.py marks these strict xfails. When a fix makes one pass, its test XPASSes and fails:
delete its line here. Never add a line to hide a regression: a fact that used to pass must keep passing.
"""

KNOWN_FAILURES: dict[str, str] = {
    '05-no-header-warsaw::event[signed@joint production of drones]::location':
        'REGRESSION (passed at 7bece24) observed: location=null',
    '11-turkiye-erdogan::event[meeting@after meeting Ukrainian Foreign]::location':
        'observed: location=null',
    '11-turkiye-erdogan::event[meeting@after meeting Ukrainian Foreign]::date':
        'observed: date=None date_text=None',
    '13-cairo-according-to::event[called on]::date':
        "observed: date=2025-03-10 date_text='March 10'",
    '13-cairo-according-to::event[called on]::date_text':
        "observed: date_text='March 10' date=2025-03-10",
    '14-berlin-pronouns::quote[Our support for Moldova does not]::speaker':
        "observed: 'Our support for Moldova does not depend on who gov' → (name='Dorin Recean' text='minister' country=MDA code=MDAGOV)",
}
