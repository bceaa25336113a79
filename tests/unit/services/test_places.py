import pytest

from console.services.places import Places


@pytest.mark.parametrize(("lat", "lon", "district"), [
    (31.2304, 121.4737, "黄浦区"),  # People's Square
    (31.1955, 121.4367, "徐汇区"),  # Xujiahui
    (31.2397, 121.4998, "浦东新区"),  # Lujiazui
    (31.6226, 121.3977, "崇明区"),  # Chongming, Chengqiao
])
def test_district_of_well_known_places(lat, lon, district):
    assert Places().district_at(lat, lon) == district


def test_a_point_at_sea_has_no_district():
    assert Places().district_at(30.9, 122.6) is None
