"""The offline gazetteer: names → Place, disambiguation, regions, and the on-disk cache."""

from __future__ import annotations

import pytest

from dragoman.knowledge import gazetteer
from dragoman.knowledge.gazetteer import Gazetteer, get_gazetteer
from dragoman.model import Place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_istanbul(gaz: Gazetteer) -> None:
    p = gaz.lookup("Istanbul")
    assert p is not None
    assert (p.text, p.name, p.country, p.geonames_id, p.feature) == ("Istanbul", "Istanbul", "TUR", 745044, "city")
    assert p.lat == pytest.approx(41.01, abs=0.01)
    assert p.lon == pytest.approx(28.95, abs=0.01)


@pytest.mark.parametrize("text", ["İstanbul", "ISTANBUL", " Istanbul ", "Constantinople"])
def test_istanbul_spellings(gaz: Gazetteer, text: str) -> None:
    p = gaz.lookup(text)
    assert p is not None and p.geonames_id == 745044 and p.text == text


@pytest.mark.parametrize("text", ["Kyiv", "Kiev", "Kyiv's"])
def test_kyiv(gaz: Gazetteer, text: str) -> None:
    p = gaz.lookup(text)
    assert p is not None
    assert (p.name, p.country, p.feature) == ("Kyiv", "UKR", "city")


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Riyadh", "Riyadh", "SAU"),
    ("Moscow", "Moscow", "RUS"),
    ("Washington", "Washington", "USA"),
    ("Tehran", "Tehran", "IRN"),
    ("Sana'a", "Sanaa", "YEM"),
    ("Sana’a", "Sanaa", "YEM"),
    ("St. Petersburg", "Saint Petersburg", "RUS"),
    ("Odessa", "Odesa", "UKR"),
    ("Islamabad", "Islamabad", "PAK"),  # not Chattogram, whose old alternate name it is
    ("Pokrovsk", "Pokrovsk", "UKR"),  # not Engels (alternate name)
    ("Sloviansk", "Slovyansk", "UKR"),  # not Nikopol ("Slov'iansk")
    ("Khan Younis", "Khan Yunis", "PSE"),  # romanisation marks dropped from the name
    ("The Hague", "The Hague", "NLD"),
])
def test_cities(gaz: Gazetteer, text: str, name: str, country: str) -> None:
    p = gaz.lookup(text)
    assert p is not None
    assert (p.name, p.country, p.feature) == (name, country, "city")


@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("Saudi Arabia", "Saudi Arabia", "SAU"),
    ("Türkiye", "Türkiye", "TUR"),
    ("Turkey", "Türkiye", "TUR"),
    ("Turkiye", "Türkiye", "TUR"),
    ("the United States", "United States", "USA"),
    ("The United States", "United States", "USA"),
    ("U.S.", "United States", "USA"),
    ("US", "United States", "USA"),
    ("Britain", "United Kingdom", "GBR"),
    ("UK", "United Kingdom", "GBR"),
    ("Russia", "Russia", "RUS"),
    ("Russian Federation", "Russia", "RUS"),
    ("Iran", "Iran", "IRN"),
    ("Syria", "Syria", "SYR"),
    ("South Korea", "South Korea", "KOR"),
    ("North Korea", "North Korea", "PRK"),
    ("Ivory Coast", "Ivory Coast", "CIV"),
    ("Côte d'Ivoire", "Ivory Coast", "CIV"),
    ("DR Congo", "Democratic Republic of the Congo", "COD"),
    ("Palestine", "Palestine", "PSE"),
    ("Netherlands", "Netherlands", "NLD"),
    ("Georgia", "Georgia", "GEO"),  # the country beats the US state
    ("Ukraine's", "Ukraine", "UKR"),
])
def test_countries(gaz: Gazetteer, text: str, name: str, iso3: str) -> None:
    p = gaz.lookup(text)
    assert p is not None
    assert (p.text, p.name, p.country, p.feature) == (text, name, iso3, "country")
    assert p.geonames_id is not None and p.lat is not None and p.lon is not None


def test_country_centre_is_inside_the_country(gaz: Gazetteer) -> None:
    tur = gaz.country("TUR")
    assert tur.name == "Türkiye" and tur.feature == "country" and tur.geonames_id == 298795
    assert 36 < tur.lat < 42 and 26 < tur.lon < 45
    usa = gaz.country("usa")
    assert 25 < usa.lat < 50 and -125 < usa.lon < -65


def test_country_unknown_code(gaz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        gaz.country("XXX")


@pytest.mark.parametrize("text", ["Xyzzyville", "", "   ", "the", "Blorfistan"])
def test_unknown(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


@pytest.mark.parametrize("text", ["nice", "mobile", "reading", "turkey", "the nice", "georgia"])
def test_lower_case_common_words(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


def test_capitalised_common_words_are_places(gaz: Gazetteer) -> None:
    nice = gaz.lookup("Nice")
    assert nice is not None and nice.country == "FRA"


def test_disambiguation_by_population(gaz: Gazetteer) -> None:
    assert gaz.lookup("Paris").country == "FRA"
    assert gaz.lookup("Birmingham").country == "GBR"


def test_disambiguation_by_document_countries(gaz: Gazetteer) -> None:
    # where the article was filed wins outright: a PARIS, Texas dateline
    paris = gaz.lookup("Paris", strong=("USA",))
    assert (paris.name, paris.country, paris.feature) == ("Paris", "USA", "city")
    assert paris.lat == pytest.approx(33.66, abs=0.05)  # Paris, Texas
    # a country the story merely mentions does not turn a world city into a small town
    assert gaz.lookup("Paris", prefer_countries=("USA",)).country == "FRA"
    # but it decides between places of comparable size
    assert gaz.lookup("Birmingham", prefer_countries=["USA"]).country == "USA"
    assert gaz.lookup("Odessa", strong={"USA"}).country == "USA"
    assert gaz.lookup("Paris", prefer_countries=("FRA", "USA")).country == "FRA"
    # A preferred country does not turn a country name into a city.
    assert gaz.lookup("Jordan", prefer_countries=("USA",)).feature == "country"


def test_georgia_us_state_only_for_us_documents(gaz: Gazetteer) -> None:
    state = gaz.lookup("Georgia", prefer_countries=("USA",))
    assert (state.country, state.feature) == ("USA", "region")
    assert gaz.lookup("Georgia", prefer_countries=("USA", "GEO")).country == "GEO"
    assert gaz.lookup("Georgia", prefer_countries=("RUS",)).country == "GEO"


def test_us_states_rank_below_cities(gaz: Gazetteer) -> None:
    assert gaz.lookup("Texas").feature == "region"
    assert gaz.lookup("New York").feature == "city"


@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("Crimea", "Crimea", "UKR"),
    ("Donbas", "Donbas", "UKR"),
    ("Donbass", "Donbas", "UKR"),
    ("the Donbas", "Donbas", "UKR"),
    ("Donetsk region", "Donetsk region", "UKR"),
    ("Luhansk region", "Luhansk region", "UKR"),
    ("Zaporizhzhia region", "Zaporizhzhia region", "UKR"),
    ("Kursk region", "Kursk region", "RUS"),
    ("Gaza", "Gaza Strip", "PSE"),
    ("the Gaza Strip", "Gaza Strip", "PSE"),
    ("West Bank", "West Bank", "PSE"),
    ("Golan Heights", "Golan Heights", "SYR"),
    ("Kashmir", "Kashmir", None),
    ("Darfur", "Darfur", "SDN"),
    ("Tigray", "Tigray", "ETH"),
    ("Nagorno-Karabakh", "Nagorno-Karabakh", "AZE"),
    ("Karabakh", "Nagorno-Karabakh", "AZE"),
    ("Black Sea", "Black Sea", None),
    ("Red Sea", "Red Sea", None),
    ("Baltic Sea", "Baltic Sea", None),
    ("South China Sea", "South China Sea", None),
    ("Strait of Hormuz", "Strait of Hormuz", None),
    ("Persian Gulf", "Persian Gulf", None),
    ("Sahel", "Sahel", None),
    ("the Balkans", "Balkans", None),
    ("Middle East", "Middle East", None),
    ("Kurdistan Region", "Kurdistan Region", "IRQ"),
])
def test_regions(gaz: Gazetteer, text: str, name: str, iso3: str | None) -> None:
    p = gaz.lookup(text)
    assert p is not None
    assert (p.name, p.country, p.feature, p.geonames_id) == (name, iso3, "region", None)
    assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180


def test_city_beside_its_region(gaz: Gazetteer) -> None:
    assert gaz.lookup("Kursk").feature == "city"
    assert gaz.lookup("Gaza City").feature == "city"
    assert gaz.lookup("Donetsk").country == "UKR"


def test_returns_model_place(gaz: Gazetteer) -> None:
    assert isinstance(gaz.lookup("Ankara"), Place)


def test_singleton() -> None:
    assert get_gazetteer() is get_gazetteer()


def test_disk_cache_round_trip(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path))
    built = gazetteer._load_or_build()
    assert len(list(tmp_path.glob("gazetteer-*.marshal"))) == 1

    def no_rebuild(self):
        raise AssertionError("the cached index was rebuilt instead of read")

    monkeypatch.setattr(gazetteer._Builder, "build", no_rebuild)     # the second load must read the file
    loaded = gazetteer._load_or_build()
    for text, prefer in [("Istanbul", ()), ("Georgia", ("USA",)), ("Paris", ("USA",)), ("Gaza", ()),
                         ("Türkiye", ())]:
        assert loaded.lookup(text, prefer) == built.lookup(text, prefer)


def test_unwritable_cache_still_works(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(blocker / "sub"))
    assert gazetteer._load_or_build().lookup("Moscow").country == "RUS"


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path))
    gazetteer._cache_path().write_bytes(b"garbage")
    assert gazetteer._load_or_build().lookup("Riyadh").country == "SAU"


@pytest.mark.parametrize("text", ["Hamas", "White House", "Kremlin", "UN", "Police", "Google", "North", "Union"])
def test_news_words_are_not_towns(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None
