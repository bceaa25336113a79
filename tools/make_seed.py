"""Write the invented sample data in db/seed/*.json, deterministically.

Everything here is made up for demonstrations: plausible names at realistic places, never real
operational data, and every record carries ``"sample": true`` so the UI can badge it (示例).
Locations are WGS-84. Each point is checked against resources/basemap/shanghai_districts.geojson and,
when it lies outside its district or too close to a border (district borders in the basemap are
simplified to ~50 m), it is nudged towards the district's interior until it is comfortably inside,
so the seed never contradicts the map.

    .venv/bin/python tools/make_seed.py          # rewrite db/seed/*.json
    .venv/bin/python tools/make_seed.py --check  # exit 1 if the files on disk differ
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from console.domain.geo import haversine_m, point_in_geometry  # noqa: E402

SEED = ROOT / "db" / "seed"
BASEMAP = ROOT / "resources" / "basemap" / "shanghai_districts.geojson"

# Points stay this far from any district border, so that simplification slivers and rounding never
# put them in the wrong district.
MARGIN_M = 250.0
_M_LAT = 111_132.0
_M_LON = 111_320.0 * math.cos(math.radians(31.2))


# --------------------------------------------------------------------------- geometry helpers

def _rings(geom: dict) -> list[list[list[float]]]:
    return [ring for poly in geom["coordinates"] for ring in poly]


def border_distance_m(lat: float, lon: float, geom: dict) -> float:
    px, py = lon * _M_LON, lat * _M_LAT
    best = math.inf
    for ring in _rings(geom):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            ax, ay, bx, by = x1 * _M_LON, y1 * _M_LAT, x2 * _M_LON, y2 * _M_LAT
            dx, dy = bx - ax, by - ay
            seg2 = dx * dx + dy * dy
            t = 0.0 if seg2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg2))
            best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


def comfortably_inside(lat: float, lon: float, geom: dict, margin: float = MARGIN_M) -> bool:
    return point_in_geometry(lat, lon, geom) and border_distance_m(lat, lon, geom) >= margin


def _ring_area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2


def label_point(geom: dict) -> tuple[float, float]:
    """A point well inside the district (near its pole of inaccessibility), for labels and nudging."""
    main = max(geom["coordinates"], key=lambda poly: _ring_area(poly[0]))
    lons = [p[0] for p in main[0]]
    lats = [p[1] for p in main[0]]
    lo_lat, hi_lat, lo_lon, hi_lon = min(lats), max(lats), min(lons), max(lons)
    best, best_d = None, -1.0
    n = 30
    for _ in range(3):
        step_lat, step_lon = (hi_lat - lo_lat) / n, (hi_lon - lo_lon) / n
        for i in range(n + 1):
            for j in range(n + 1):
                lat, lon = lo_lat + i * step_lat, lo_lon + j * step_lon
                if point_in_geometry(lat, lon, geom):
                    d = border_distance_m(lat, lon, geom)
                    if d > best_d:
                        best, best_d = (lat, lon), d
        assert best is not None
        lo_lat, hi_lat = best[0] - 2 * step_lat, best[0] + 2 * step_lat
        lo_lon, hi_lon = best[1] - 2 * step_lon, best[1] + 2 * step_lon
        n = 10
    assert best is not None
    return round(best[0], 5), round(best[1], 5)


class Map:
    def __init__(self, path: Path = BASEMAP) -> None:
        fc = json.loads(path.read_text(encoding="utf-8"))
        self.geom = {f["properties"]["name"]: f["geometry"] for f in fc["features"]}
        self.code = {f["properties"]["name"]: f["properties"]["code"] for f in fc["features"]}
        self.label = {name: label_point(g) for name, g in self.geom.items()}
        self.nudged: list[str] = []

    def place(self, what: str, district: str, lat: float, lon: float) -> tuple[float, float]:
        geom = self.geom[district]
        if comfortably_inside(lat, lon, geom):
            return round(lat, 6), round(lon, 6)
        tlat, tlon = self.label[district]
        dist = haversine_m(lat, lon, tlat, tlon)
        steps = max(1, int(dist // 100))
        for k in range(1, steps + 1):
            f = k / steps
            nlat, nlon = lat + (tlat - lat) * f, lon + (tlon - lon) * f
            if comfortably_inside(nlat, nlon, geom):
                moved = haversine_m(lat, lon, nlat, nlon)
                self.nudged.append(f"{what} ({district}) moved {moved:.0f} m")
                return round(nlat, 6), round(nlon, 6)
        raise AssertionError(f"cannot place {what} in {district}")

    def which(self, lat: float, lon: float) -> list[str]:
        return [name for name, g in self.geom.items() if point_in_geometry(lat, lon, g)]


# --------------------------------------------------------------------------- the invented data
# (name, district, lat, lon[, extra]). Coordinates are WGS-84 approximations of real
# neighbourhoods; the facilities and people at them are invented.

FIRE_STATIONS = [
    ("黄浦区消防救援支队 外滩站", "黄浦区", 31.2335, 121.4835),
    ("黄浦区消防救援支队 打浦桥站", "黄浦区", 31.2080, 121.4690),
    ("徐汇区消防救援支队 漕河泾站", "徐汇区", 31.1700, 121.3990),
    ("徐汇区消防救援支队 徐家汇站", "徐汇区", 31.1925, 121.4335),
    ("徐汇区消防救援支队 华泾站", "徐汇区", 31.1230, 121.4530),
    ("长宁区消防救援支队 天山站", "长宁区", 31.2130, 121.3960),
    ("长宁区消防救援支队 北新泾站", "长宁区", 31.2185, 121.3700),
    ("静安区消防救援支队 南京西路站", "静安区", 31.2310, 121.4500),
    ("静安区消防救援支队 彭浦站", "静安区", 31.3040, 121.4470),
    ("普陀区消防救援支队 长征站", "普陀区", 31.2470, 121.3880),
    ("普陀区消防救援支队 曹杨站", "普陀区", 31.2440, 121.4170),
    ("虹口区消防救援支队 江湾站", "虹口区", 31.2830, 121.4830),
    ("杨浦区消防救援支队 五角场站", "杨浦区", 31.2990, 121.5130),
    ("杨浦区消防救援支队 控江站", "杨浦区", 31.2740, 121.5250),
    ("闵行区消防救援支队 莘庄站", "闵行区", 31.1110, 121.3860),
    ("闵行区消防救援支队 七宝站", "闵行区", 31.1560, 121.3500),
    ("闵行区消防救援支队 吴泾站", "闵行区", 31.0460, 121.4610),
    ("宝山区消防救援支队 吴淞站", "宝山区", 31.3790, 121.4950),
    ("宝山区消防救援支队 顾村站", "宝山区", 31.3480, 121.3820),
    ("嘉定区消防救援支队 嘉定新城站", "嘉定区", 31.3780, 121.2600),
    ("嘉定区消防救援支队 安亭站", "嘉定区", 31.2960, 121.1680),
    ("浦东新区消防救援支队 陆家嘴站", "浦东新区", 31.2330, 121.5120),
    ("浦东新区消防救援支队 张江站", "浦东新区", 31.2050, 121.5900),
    ("浦东新区消防救援支队 川沙站", "浦东新区", 31.1950, 121.7000),
    ("浦东新区消防救援支队 惠南站", "浦东新区", 31.0560, 121.7600),
    ("金山区消防救援支队 石化站", "金山区", 30.7320, 121.3400),
    ("松江区消防救援支队 方松站", "松江区", 31.0300, 121.2250),
    ("青浦区消防救援支队 夏阳站", "青浦区", 31.1500, 121.1200),
    ("奉贤区消防救援支队 南桥站", "奉贤区", 30.9200, 121.4550),
    ("崇明区消防救援支队 城桥站", "崇明区", 31.6250, 121.4000),
]

# Micro fire stations (微型消防站) sit in streets, compounds and large venues.
MICRO_STATIONS = [
    ("南京东路街道 微型消防站", "黄浦区", 31.2370, 121.4790),
    ("豫园商城 微型消防站", "黄浦区", 31.2270, 121.4890),
    ("老西门街道 微型消防站", "黄浦区", 31.2185, 121.4820),
    ("徐家汇商圈 微型消防站", "徐汇区", 31.1950, 121.4370),
    ("田林街道 微型消防站", "徐汇区", 31.1760, 121.4200),
    ("康健新村街道 微型消防站", "徐汇区", 31.1620, 121.4160),
    ("龙华街道 微型消防站", "徐汇区", 31.1760, 121.4500),
    ("中山公园商圈 微型消防站", "长宁区", 31.2200, 121.4160),
    ("新华路街道 微型消防站", "长宁区", 31.2050, 121.4250),
    ("静安寺街道 微型消防站", "静安区", 31.2240, 121.4430),
    ("大宁路街道 微型消防站", "静安区", 31.2780, 121.4520),
    ("临汾路街道 微型消防站", "静安区", 31.2980, 121.4560),
    ("长寿路街道 微型消防站", "普陀区", 31.2420, 121.4330),
    ("真如镇街道 微型消防站", "普陀区", 31.2570, 121.4060),
    ("桃浦镇 微型消防站", "普陀区", 31.2820, 121.3850),
    ("四川北路街道 微型消防站", "虹口区", 31.2590, 121.4850),
    ("北外滩街道 微型消防站", "虹口区", 31.2540, 121.4960),
    ("曲阳路街道 微型消防站", "虹口区", 31.2760, 121.4900),
    ("大桥街道 微型消防站", "杨浦区", 31.2620, 121.5240),
    ("新江湾城街道 微型消防站", "杨浦区", 31.3250, 121.5050),
    ("殷行街道 微型消防站", "杨浦区", 31.3170, 121.5280),
    ("梅陇镇 微型消防站", "闵行区", 31.1200, 121.4000),
    ("颛桥镇 微型消防站", "闵行区", 31.0600, 121.4100),
    ("浦江镇 微型消防站", "闵行区", 31.0800, 121.5050),
    ("罗店镇 微型消防站", "宝山区", 31.4150, 121.3500),
    ("大场镇 微型消防站", "宝山区", 31.3050, 121.4100),
    ("南翔镇 微型消防站", "嘉定区", 31.2990, 121.3200),
    ("江桥镇 微型消防站", "嘉定区", 31.2560, 121.3220),
    ("花木街道 微型消防站", "浦东新区", 31.2100, 121.5500),
    ("三林镇 微型消防站", "浦东新区", 31.1500, 121.5100),
    ("高桥镇 微型消防站", "浦东新区", 31.3480, 121.5700),
    ("周浦镇 微型消防站", "浦东新区", 31.1150, 121.5700),
    ("朱泾镇 微型消防站", "金山区", 30.9000, 121.1700),
    ("漕泾镇 微型消防站", "金山区", 30.7880, 121.4050),
    ("九亭镇 微型消防站", "松江区", 31.1300, 121.3200),
    ("泗泾镇 微型消防站", "松江区", 31.1200, 121.2650),
    ("朱家角镇 微型消防站", "青浦区", 31.1100, 121.0550),
    ("徐泾镇 微型消防站", "青浦区", 31.1800, 121.2700),
    ("奉城镇 微型消防站", "奉贤区", 30.9200, 121.6200),
    ("堡镇 微型消防站", "崇明区", 31.5350, 121.6150),
]

# Emergency shelters (应急避难场所): mostly parks, squares and school grounds. (name, district, lat, lon, class)
SHELTERS = [
    ("人民广场 应急避难场所", "黄浦区", 31.2300, 121.4720, "Ⅰ"),
    ("徐家汇公园 应急避难场所", "徐汇区", 31.1980, 121.4400, "Ⅱ"),
    ("上海植物园 应急避难场所", "徐汇区", 31.1490, 121.4430, "Ⅰ"),
    ("中山公园 应急避难场所", "长宁区", 31.2210, 121.4170, "Ⅱ"),
    ("静安雕塑公园 应急避难场所", "静安区", 31.2400, 121.4580, "Ⅲ"),
    ("大宁公园 应急避难场所", "静安区", 31.2790, 121.4560, "Ⅰ"),
    ("长风公园 应急避难场所", "普陀区", 31.2250, 121.3990, "Ⅱ"),
    ("鲁迅公园 应急避难场所", "虹口区", 31.2730, 121.4810, "Ⅱ"),
    ("新江湾城公园 应急避难场所", "杨浦区", 31.3300, 121.5100, "Ⅱ"),
    ("闵行体育公园 应急避难场所", "闵行区", 31.1330, 121.3700, "Ⅰ"),
    ("顾村公园 应急避难场所", "宝山区", 31.3530, 121.3700, "Ⅰ"),
    ("嘉定紫气东来公园 应急避难场所", "嘉定区", 31.3810, 121.2550, "Ⅱ"),
    ("世纪公园 应急避难场所", "浦东新区", 31.2160, 121.5490, "Ⅰ"),
    ("浦东新区 惠南镇中学 应急避难场所", "浦东新区", 31.0520, 121.7600, "Ⅲ"),
    ("金山城市沙滩 应急避难场所", "金山区", 30.7290, 121.3560, "Ⅲ"),
    ("松江中央公园 应急避难场所", "松江区", 31.0360, 121.2220, "Ⅱ"),
    ("青浦夏阳湖 应急避难场所", "青浦区", 31.1550, 121.1150, "Ⅱ"),
    ("奉贤上海之鱼 应急避难场所", "奉贤区", 30.9150, 121.4700, "Ⅱ"),
    ("崇明区体育中心 应急避难场所", "崇明区", 31.6280, 121.4050, "Ⅲ"),
    ("宝山 友谊路街道社区学校 应急避难场所", "宝山区", 31.4040, 121.4860, "Ⅲ"),
]
_SHELTER_CAPACITY = {"Ⅰ": (20000, 60000), "Ⅱ": (5000, 20000), "Ⅲ": (800, 5000)}

# Stockpiles (物资储备) at the levels of the 5+8+11+N layout: (name, district, lat, lon, level)
STOCKPILES = [
    ("市级防汛物资储备库（宝山）", "宝山区", 31.3600, 121.4400, "city"),
    ("市级应急物资储备库（闵行）", "闵行区", 31.0400, 121.4000, "city"),
    ("市级救灾物资储备库（青浦）", "青浦区", 31.1900, 121.1900, "city"),
    ("浦东新区防汛物资仓库", "浦东新区", 31.1800, 121.6300, "district"),
    ("徐汇区应急物资仓库", "徐汇区", 31.1450, 121.4400, "district"),
    ("金山区防汛防台物资仓库", "金山区", 30.8500, 121.2900, "district"),
    ("崇明区防汛物资仓库", "崇明区", 31.6300, 121.4400, "district"),
    ("奉贤区应急物资仓库", "奉贤区", 30.9400, 121.4900, "district"),
    ("南京东路街道 物资储备点", "黄浦区", 31.2380, 121.4820, "street"),
    ("凌云路街道 物资储备点", "徐汇区", 31.1560, 121.4320, "street"),
    ("江湾镇街道 物资储备点", "虹口区", 31.2900, 121.4760, "street"),
    ("川沙新镇 物资储备点", "浦东新区", 31.1920, 121.7050, "street"),
]

# Professional rescue teams (专业救援队伍): (name, district, lat, lon, type)
TEAMS = [
    ("城投 防汛抢险队", "黄浦区", 31.2150, 121.4950, "防汛抢险"),
    ("浦东新区 防汛抢险队", "浦东新区", 31.1700, 121.6000, "防汛抢险"),
    ("宝山区 防汛抢险队", "宝山区", 31.3950, 121.4400, "防汛抢险"),
    ("燃气集团 徐汇抢修队", "徐汇区", 31.1780, 121.4250, "燃气抢修"),
    ("燃气集团 浦东抢修队", "浦东新区", 31.2400, 121.5600, "燃气抢修"),
    ("燃气集团 静安抢修队", "静安区", 31.2700, 121.4550, "燃气抢修"),
    ("化学工业区 危化品处置队", "金山区", 30.7800, 121.4000, "危化品处置"),
    ("石化 危化品应急救援队", "金山区", 30.7350, 121.3300, "危化品处置"),
    ("电梯应急救援 长宁分队", "长宁区", 31.2150, 121.4050, "电梯救援"),
    ("电梯应急救援 杨浦分队", "杨浦区", 31.2850, 121.5150, "电梯救援"),
    ("建工集团 建设工程抢险队", "闵行区", 31.1200, 121.3950, "建设工程抢险"),
    ("隧道股份 建设工程抢险队", "普陀区", 31.2550, 121.4000, "建设工程抢险"),
    ("市医疗急救中心 徐汇分站", "徐汇区", 31.1850, 121.4400, "医疗救护"),
    ("市医疗急救中心 嘉定分站", "嘉定区", 31.3700, 121.2500, "医疗救护"),
    ("黄浦江 水上救援队", "浦东新区", 31.2080, 121.5060, "水上救援"),
]

# Experts (专家库) sit at their institutions: (name, district, lat, lon, speciality)
EXPERTS = [
    ("王建国", "杨浦区", 31.2840, 121.5000, "结构工程与建筑安全"),
    ("李晓梅", "徐汇区", 31.1980, 121.4310, "城市防汛与排水"),
    ("陈志强", "徐汇区", 31.1440, 121.4220, "危险化学品与化工安全"),
    ("刘海燕", "闵行区", 31.0260, 121.4380, "燃气管网与管道安全"),
    ("张立群", "浦东新区", 31.2240, 121.5420, "电梯与特种设备"),
    ("周文斌", "徐汇区", 31.1870, 121.4470, "气象灾害与台风"),
    ("孙丽华", "黄浦区", 31.2130, 121.4750, "急诊与灾难医学"),
    ("吴国栋", "普陀区", 31.2280, 121.4060, "地下空间与隧道工程"),
    ("郑永红", "宝山区", 31.3200, 121.3950, "岩土工程与基坑"),
    ("何志明", "金山区", 30.7420, 121.3450, "消防与应急救援指挥"),
]

# Special vehicles held by the emergency system: (name, district, lat, lon, type)
VEHICLES = [
    ("大流量排水抢险车 01", "浦东新区", 31.1800, 121.6310, "大流量排水车"),
    ("大流量排水抢险车 02", "宝山区", 31.3610, 121.4410, "大流量排水车"),
    ("移动泵车 03", "闵行区", 31.0410, 121.4010, "移动泵车"),
    ("应急通信指挥车 01", "黄浦区", 31.2290, 121.4770, "应急通信车"),
    ("应急通信指挥车 02", "徐汇区", 31.1460, 121.4410, "应急通信车"),
    ("移动照明车 01", "静安区", 31.2690, 121.4560, "移动照明车"),
    ("应急发电车 01", "长宁区", 31.2140, 121.4040, "应急发电车"),
    ("应急发电车 02", "嘉定区", 31.3710, 121.2520, "应急发电车"),
    ("抢险工程车 01", "普陀区", 31.2540, 121.4010, "抢险工程车"),
    ("抢险工程车 02", "松江区", 31.0320, 121.2260, "抢险工程车"),
    ("危化品洗消车 01", "金山区", 30.7810, 121.4010, "洗消车"),
    ("供水保障车 01", "奉贤区", 30.9410, 121.4910, "供水车"),
    ("越野指挥车 01", "崇明区", 31.6290, 121.4410, "越野指挥车"),
    ("冲锋舟运输车 01", "青浦区", 31.1910, 121.1910, "冲锋舟运输车"),
    ("应急救援物资运输车 01", "杨浦区", 31.2860, 121.5160, "物资运输车"),
]

# Cameras at the key targets the video patrol cycles through: (name, district, lat, lon, target)
CAMERAS = [
    ("徐汇滨江 在建工地 塔吊 1#", "徐汇区", 31.1760, 121.4600, "construction"),
    ("前滩 在建工地 基坑东侧", "浦东新区", 31.1530, 121.4850, "construction"),
    ("张江科学城 在建工地 南门", "浦东新区", 31.1960, 121.5960, "construction"),
    ("虹桥商务区 在建工地 3#楼", "闵行区", 31.1960, 121.3150, "construction"),
    ("北外滩 在建工地 西侧", "虹口区", 31.2520, 121.4960, "construction"),
    ("嘉定新城 在建工地 北门", "嘉定区", 31.3650, 121.2450, "construction"),
    ("曹杨新村 老旧小区 主入口", "普陀区", 31.2410, 121.4130, "residential"),
    ("控江新村 老旧小区 高层楼道", "杨浦区", 31.2750, 121.5220, "residential"),
    ("康健新村 老旧小区 电动车棚", "徐汇区", 31.1610, 121.4140, "residential"),
    ("彭浦新村 老旧小区 主干道", "静安区", 31.3030, 121.4470, "residential"),
    ("老西门 旧里 弄堂口", "黄浦区", 31.2190, 121.4810, "residential"),
    ("凉城新村 老旧小区 南门", "虹口区", 31.2900, 121.4700, "residential"),
    ("化学工业区 储罐区 北", "金山区", 30.7830, 121.4090, "hazchem"),
    ("石化 储运码头", "金山区", 30.7250, 121.3250, "hazchem"),
    ("高桥 石化储罐区", "浦东新区", 31.3450, 121.5850, "hazchem"),
    ("吴泾 化工园区 门岗", "闵行区", 31.0400, 121.4650, "hazchem"),
    ("宝山 罗泾 危化品仓库", "宝山区", 31.4650, 121.3550, "hazchem"),
    ("龙华 下立交", "徐汇区", 31.1790, 121.4550, "underpass"),
    ("中山北路 下立交", "普陀区", 31.2500, 121.4250, "underpass"),
    ("沪闵路 下立交", "闵行区", 31.1250, 121.4150, "underpass"),
    ("世纪大道 下立交", "浦东新区", 31.2280, 121.5300, "underpass"),
    ("江杨南路 下立交", "宝山区", 31.3550, 121.4350, "underpass"),
    ("外滩 防汛墙 金陵东路", "黄浦区", 31.2330, 121.4880, "river"),
    ("苏州河 长寿路桥", "普陀区", 31.2420, 121.4350, "river"),
    ("黄浦江 米市渡", "松江区", 30.9700, 121.2400, "river"),
    ("淀山湖 大堤", "青浦区", 31.1200, 121.0200, "river"),
    ("人民广场 地铁站 换乘大厅", "黄浦区", 31.2320, 121.4740, "metro"),
    ("徐家汇 地铁站 9号口", "徐汇区", 31.1930, 121.4360, "metro"),
    ("世纪大道 地铁站 站厅", "浦东新区", 31.2290, 121.5250, "metro"),
    ("虹桥火车站 地铁站 站台", "闵行区", 31.1950, 121.3200, "metro"),
]

# Monitoring points: (name, district, lat, lon, kind, threshold, value)
SENSORS = [
    ("黄浦公园 潮位站", "黄浦区", 31.2410, 121.4860, "water_level", 4.80, 4.12),
    ("吴淞口 潮位站", "宝山区", 31.3900, 121.5030, "water_level", 4.80, 4.35),
    ("米市渡 水位站", "松江区", 30.9720, 121.2420, "water_level", 3.80, 3.21),
    ("苏州河 北新泾 水位站", "长宁区", 31.2200, 121.3780, "water_level", 3.50, 2.86),
    ("淀山湖 商榻 水位站", "青浦区", 31.1000, 120.9700, "water_level", 3.60, 3.02),
    ("徐家汇 雨量站", "徐汇区", 31.1910, 121.4400, "rainfall", 30.0, 12.5),
    ("浦东 张江 雨量站", "浦东新区", 31.2030, 121.5880, "rainfall", 30.0, 41.6),
    ("宝山 大场 雨量站", "宝山区", 31.3070, 121.4120, "rainfall", 30.0, 18.0),
    ("松江 方松 雨量站", "松江区", 31.0280, 121.2280, "rainfall", 30.0, 9.5),
    ("崇明 城桥 雨量站", "崇明区", 31.6270, 121.4020, "rainfall", 30.0, 6.0),
    ("世纪大道 下立交 积水监测", "浦东新区", 31.2285, 121.5305, "underpass_flood", 25.0, 32.0),
    ("龙华 下立交 积水监测", "徐汇区", 31.1795, 121.4555, "underpass_flood", 25.0, 4.0),
    ("中山北路 下立交 积水监测", "普陀区", 31.2505, 121.4255, "underpass_flood", 25.0, 0.0),
    ("沪闵路 下立交 积水监测", "闵行区", 31.1255, 121.4155, "underpass_flood", 25.0, 8.0),
    ("江杨南路 下立交 积水监测", "宝山区", 31.3555, 121.4355, "underpass_flood", 25.0, 12.0),
    ("南京东路 消火栓 水压", "黄浦区", 31.2360, 121.4800, "hydrant_pressure", 0.14, 0.32),
    ("静安寺 消火栓 水压", "静安区", 31.2230, 121.4450, "hydrant_pressure", 0.14, 0.28),
    ("曹杨新村 消火栓 水压", "普陀区", 31.2420, 121.4120, "hydrant_pressure", 0.14, 0.11),
    ("五角场 消火栓 水压", "杨浦区", 31.3000, 121.5150, "hydrant_pressure", 0.14, 0.30),
    ("漕泾 化工区 消火栓 水压", "金山区", 30.7860, 121.4080, "hydrant_pressure", 0.14, 0.45),
    ("控江新村 12号楼 电梯 1#", "杨浦区", 31.2745, 121.5225, "elevator", 2.0, 0.4),
    ("康健新村 电梯 3#", "徐汇区", 31.1615, 121.4145, "elevator", 2.0, 3.1),
    ("彭浦新村 电梯 2#", "静安区", 31.3035, 121.4475, "elevator", 2.0, 0.6),
    ("天山新村 电梯 1#", "长宁区", 31.2130, 121.3930, "elevator", 2.0, 0.2),
    ("凉城新村 电梯 5#", "虹口区", 31.2905, 121.4705, "elevator", 2.0, 0.9),
]
_SENSOR_UNIT = {
    "water_level": "m",  # tide/water level above Wusong datum
    "rainfall": "mm/h",
    "underpass_flood": "cm",  # water depth on the carriageway
    "hydrant_pressure": "MPa",  # alarm when it falls *below* the threshold
    "elevator": "cm",  # levelling error at the landing; beyond it the car is taken out of service
}

# Risk zones (风险点位), drawn as small polygons around a centre: (name, district, lat, lon, colour, kind, r_m)
RISK_ZONES = [
    ("化学工业区 储罐区", "金山区", 30.7850, 121.4100, "red", "hazchem", 400),
    ("石化 储运区", "金山区", 30.7280, 121.3280, "red", "hazchem", 350),
    ("高桥 石化储罐区", "浦东新区", 31.3460, 121.5870, "orange", "hazchem", 300),
    ("吴泾 化工园区", "闵行区", 31.0400, 121.4660, "orange", "hazchem", 300),
    ("世纪大道 下立交 低洼段", "浦东新区", 31.2285, 121.5300, "orange", "underpass", 150),
    ("龙华 下立交 低洼段", "徐汇区", 31.1795, 121.4550, "yellow", "underpass", 150),
    ("中山北路 下立交 低洼段", "普陀区", 31.2505, 121.4250, "yellow", "underpass", 150),
    ("前滩 深基坑工地", "浦东新区", 31.1530, 121.4860, "orange", "construction", 200),
    ("虹桥商务区 高支模工地", "闵行区", 31.1960, 121.3160, "yellow", "construction", 200),
    ("老西门 旧里 连片老旧住房", "黄浦区", 31.2180, 121.4810, "yellow", "old_residential", 200),
    ("曹杨新村 老旧小区", "普陀区", 31.2400, 121.4140, "blue", "old_residential", 250),
    ("宝山 罗泾 危化品仓库", "宝山区", 31.4650, 121.3550, "yellow", "hazchem", 200),
]

# Hazards under rectification (隐患): (name, district, lat, lon, level, state, deadline)
HAZARDS = [
    ("在建工地 塔吊基础沉降", "徐汇区", 31.1765, 121.4595, "major", "rectifying", "2026-12-15"),
    ("老旧小区 电动车楼道充电", "杨浦区", 31.2755, 121.5215, "general", "found", "2026-11-30"),
    ("下立交 排水泵站 泵组故障", "浦东新区", 31.2275, 121.5310, "major", "rectifying", "2026-10-31"),
    ("燃气 老旧铸铁管 未改造", "虹口区", 31.2600, 121.4870, "major", "found", "2026-12-31"),
    ("化工区 储罐 呼吸阀失效", "金山区", 30.7840, 121.4110, "major", "accepted", "2026-09-30"),
    ("商场 疏散通道堵塞", "黄浦区", 31.2360, 121.4780, "general", "accepted", "2026-08-31"),
    ("防汛墙 局部渗漏", "宝山区", 31.3850, 121.4990, "major", "rectifying", "2026-10-15"),
    ("群租房 违规隔断", "闵行区", 31.1120, 121.3880, "general", "found", "2026-11-15"),
    ("电梯 维保记录缺失", "静安区", 31.3030, 121.4480, "general", "rectifying", "2026-12-01"),
    ("深基坑 监测数据超预警", "闵行区", 31.1965, 121.3155, "major", "found", "2026-10-20"),
]

UNIT_TYPES = {
    "fire_engine": "水罐消防车",
    "ladder": "登高平台消防车",
    "rescue": "抢险救援消防车",
    "ambulance": "救护车",
    "police": "警车",
    "command": "指挥车",
    "hazmat": "防化洗消车",
    "boat": "冲锋舟",
    "pump": "排涝泵车",
}


# --------------------------------------------------------------------------- builders

def _phone(n: int) -> str:
    # 021-6000-xxxx style numbers with zero padding: clearly invented, unlikely to reach anyone.
    return f"021-6000{n:04d}"


def _mobile(n: int) -> str:
    return f"1380000{n:04d}"


def build(m: Map) -> dict[str, list[dict]]:
    rng = random.Random(20260515)
    out: dict[str, list[dict]] = {}

    out["districts.json"] = [
        {"code": m.code[name], "name": name, "lat": m.label[name][0], "lon": m.label[name][1]}
        for name in sorted(m.geom, key=lambda n: m.code[n])
    ]

    resources: list[dict] = []

    def add(kind: str, prefix: str, rows: list[tuple], attrs_of) -> None:
        for i, row in enumerate(rows, start=1):
            name, district, lat, lon = row[:4]
            lat, lon = m.place(name, district, lat, lon)
            resources.append({
                "id": f"res-{prefix}-{i:03d}", "kind": kind, "name": name, "district": district,
                "lat": lat, "lon": lon, "sample": True, "attrs": attrs_of(i, row),
            })

    add("fire_station", "fs", FIRE_STATIONS, lambda i, r: {"engines": rng.randint(3, 8)})
    add("micro_fire_station", "mfs", MICRO_STATIONS, lambda i, r: {"staff": rng.randint(6, 15)})
    add("shelter", "sh", SHELTERS,
        lambda i, r: {"class": r[4], "capacity": rng.randrange(*_SHELTER_CAPACITY[r[4]], 100)})

    def stock(i: int, r: tuple) -> dict:
        scale = {"city": 10, "district": 3, "street": 1}[r[4]]
        contents = {
            "沙袋": 2000 * scale * rng.randint(1, 3),
            "编织袋": 3000 * scale,
            "救生衣": 80 * scale * rng.randint(1, 3),
            "救生圈": 30 * scale,
            "抽水泵": 3 * scale * rng.randint(1, 2),
            "应急照明灯": 20 * scale,
            "帐篷": 10 * scale * rng.randint(1, 3),
            "折叠床": 40 * scale,
            "棉被": 100 * scale,
        }
        if r[4] != "street":
            contents["冲锋舟"] = scale // 2 + rng.randint(0, 2)
            contents["发电机"] = scale
        return {"level": r[4], "contents": contents}

    add("stockpile", "sp", STOCKPILES, stock)
    add("team", "tm", TEAMS,
        lambda i, r: {"type": r[4], "members": rng.randrange(15, 80, 5), "phone": _phone(100 + i)})
    add("expert", "ex", EXPERTS, lambda i, r: {"speciality": r[4], "phone": _mobile(200 + i)})

    def plate(i: int, r: tuple) -> dict:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        p = f"沪A·{rng.choice(letters)}{rng.randint(1000, 9999)}"
        return {"type": r[4], "plate": p}

    add("vehicle", "vh", VEHICLES, plate)
    out["resources.json"] = resources

    # Units: engines and crews parked at or near their stations, a few out on calls.
    stations = [r for r in resources if r["kind"] == "fire_station"]
    teams = {r["name"]: r for r in resources if r["kind"] == "team"}
    plan: list[tuple[str, dict, str]] = []
    for s in stations[:22]:
        plan.append(("fire_engine", s, "沪消-{place}-01"))
    for s in (stations[0], stations[3], stations[12], stations[21], stations[22]):
        plan.append(("ladder", s, "沪消-{place}-02"))
    for s in (stations[2], stations[14], stations[25]):
        plan.append(("rescue", s, "沪消-{place}-03"))
    plan.append(("hazmat", stations[25], "沪消-{place}-05"))
    plan.append(("ambulance", teams["市医疗急救中心 徐汇分站"], "徐汇120-1号车"))
    plan.append(("ambulance", teams["市医疗急救中心 嘉定分站"], "嘉定120-1号车"))
    plan.append(("police", stations[3], "徐汇110-1号车"))
    plan.append(("police", stations[21], "浦东110-1号车"))
    plan.append(("command", stations[21], "浦东指挥1号车"))
    plan.append(("command", stations[3], "徐汇指挥1号车"))
    plan.append(("boat", teams["黄浦江 水上救援队"], "黄浦江救援艇-01"))
    plan.append(("pump", teams["城投 防汛抢险队"], "城投排涝1号车"))
    plan.append(("pump", teams["浦东新区 防汛抢险队"], "浦东排涝1号车"))
    statuses = ["available"] * 30 + ["dispatched"] * 4 + ["on_scene"] * 3 + ["returning"] * 2 + ["out_of_service"]
    rng.shuffle(statuses)
    units = []
    for i, ((utype, base, pattern), status) in enumerate(zip(plan, statuses, strict=True), start=1):
        place = base["name"].split()[-1].removesuffix("站").removesuffix("队")
        callsign = pattern.format(place=place)
        # Parked units sit a few tens of metres from their base; units out on calls are farther.
        spread = 0.0004 if status in ("available", "out_of_service") else 0.012
        lat = base["lat"] + rng.uniform(-spread, spread)
        lon = base["lon"] + rng.uniform(-spread, spread)
        lat, lon = m.place(callsign, base["district"], lat, lon)
        units.append({
            "id": f"unit-{i:03d}", "callsign": callsign, "type": utype, "team": base["name"],
            "status": status, "lat": lat, "lon": lon,
            "issi": f"{3101000 + i * 7:07d}", "beidou_id": f"{4210000 + i * 13:07d}", "sample": True,
        })
    out["units.json"] = units

    cams = []
    for i, (name, district, lat, lon, target) in enumerate(CAMERAS, start=1):
        lat, lon = m.place(name, district, lat, lon)
        cams.append({"id": f"cam-{i:03d}", "name": name, "district": district, "lat": lat, "lon": lon,
                     "target": target, "url": "", "sample": True})
    out["cameras.json"] = cams

    sensors = []
    for i, (name, district, lat, lon, kind, threshold, value) in enumerate(SENSORS, start=1):
        lat, lon = m.place(name, district, lat, lon)
        sensors.append({"id": f"sen-{i:03d}", "name": name, "kind": kind, "district": district,
                        "lat": lat, "lon": lon, "unit": _SENSOR_UNIT[kind], "threshold": threshold,
                        "value": value, "sample": True})
    out["sensors.json"] = sensors

    zones = []
    for i, (name, district, lat, lon, colour, kind, r_m) in enumerate(RISK_ZONES, start=1):
        # Shrink the margin by the radius so the whole polygon, not just its centre, stays inside.
        lat, lon = m.place(name, district, lat, lon)
        geom = m.geom[district]
        while True:
            poly = _blob(rng, lat, lon, r_m)
            if all(comfortably_inside(a, b, geom, margin=50.0) for a, b in poly):
                break
            r_m *= 0.8
            assert r_m > 40, name
        zones.append({"id": f"risk-{i:03d}", "name": name, "colour": colour, "district": district,
                      "kind": kind, "polygon": poly, "sample": True})
    out["risk_zones.json"] = zones

    hazards = []
    for i, (name, district, lat, lon, level, state, deadline) in enumerate(HAZARDS, start=1):
        lat, lon = m.place(name, district, lat, lon)
        hazards.append({"id": f"hz-{i:03d}", "name": name, "district": district, "lat": lat, "lon": lon,
                        "level": level, "state": state, "deadline": deadline, "sample": True})
    out["hazards.json"] = hazards

    out["incidents.json"] = _incidents(m)
    return out


def _blob(rng: random.Random, lat: float, lon: float, r_m: float) -> list[list[float]]:
    """An irregular octagon of radius ~r_m, closed, as [[lat, lon], ...]."""
    pts = []
    for k in range(8):
        a = 2 * math.pi * k / 8 + rng.uniform(-0.2, 0.2)
        r = r_m * rng.uniform(0.7, 1.0)
        pts.append([round(lat + r * math.sin(a) / _M_LAT, 6), round(lon + r * math.cos(a) / _M_LON, 6)])
    pts.append(pts[0])
    return pts


def _incidents(m: Map) -> list[dict]:
    rows = [
        {
            "id": "inc-sample-001",
            "title": "台风“烟花”外围暴雨致世纪大道下立交积水",
            "class": "natural", "type": "暴雨内涝", "level": 2, "status": "responding",
            "lat": 31.2285, "lon": 121.5302, "address": "世纪大道 下立交", "district": "浦东新区",
            "source": "12345", "reporter": "市民 陈先生", "callback": "13800000301",
            "deaths": 0, "injuries": 0, "missing": 0, "trapped": 2,
            "description": "下立交积水约 30 厘米并持续上涨，一辆小客车熄火，车内 2 人待援；泵站报泵组故障。",
            "warning_colour": "orange", "minutes_ago": 42,
        },
        {
            "id": "inc-sample-002",
            "title": "徐汇区漕河泾 燃气管道泄漏",
            "class": "accident", "type": "燃气泄漏", "level": 3, "status": "responding",
            "lat": 31.1715, "lon": 121.4000, "address": "漕河泾开发区 宜山路附近 施工路段",
            "district": "徐汇区", "source": "119", "reporter": "施工单位 安全员 赵工",
            "callback": "13800000302", "deaths": 0, "injuries": 0, "missing": 0, "trapped": 0,
            "description": "道路施工挖破中压燃气管，现场有明显气味；已疏散周边约 200 人，燃气抢修队在途。",
            "warning_colour": "", "minutes_ago": 18,
        },
        {
            "id": "inc-sample-003",
            "title": "杨浦区控江新村 电梯困人",
            "class": "accident", "type": "电梯困人", "level": 4, "status": "reported",
            "lat": 31.2748, "lon": 121.5228, "address": "控江新村 12号楼 1号电梯", "district": "杨浦区",
            "source": "terminal", "reporter": "电梯远程监测平台", "callback": "021-60000401",
            "deaths": 0, "injuries": 0, "missing": 0, "trapped": 3,
            "description": "电梯停于 7-8 层之间，轿厢内 3 人（含 1 名老人），维保单位已通知。",
            "warning_colour": "", "minutes_ago": 6,
        },
        {
            "id": "inc-sample-004",
            "title": "闵行区虹桥商务区 在建工地 脚手架局部坍塌",
            "class": "accident", "type": "建设工程事故", "level": 3, "status": "responding",
            "lat": 31.1962, "lon": 121.3158, "address": "虹桥商务区 某在建项目 3#楼", "district": "闵行区",
            "source": "110", "reporter": "现场工人 王某", "callback": "13800000304",
            "deaths": 0, "injuries": 4, "missing": 1, "trapped": 1,
            "description": "3#楼外脚手架局部坍塌，4 人受伤已送医，1 人被压待救，1 人下落不明；已停工。",
            "warning_colour": "", "minutes_ago": 75,
        },
        {
            "id": "inc-sample-005",
            "title": "金山区化学工业区 储罐区 危化品泄漏",
            "class": "accident", "type": "危险化学品泄漏", "level": 2, "status": "responding",
            "lat": 30.7852, "lon": 121.4095, "address": "化学工业区 某企业 储罐区 北侧", "district": "金山区",
            "source": "phone", "reporter": "企业 值班长 刘某", "callback": "13800000305",
            "deaths": 0, "injuries": 2, "missing": 0, "trapped": 0,
            "description": "储罐出料管法兰泄漏，疑似丙烯腈，2 名操作工吸入不适；企业已启动应急预案，下风向疏散中。",
            "warning_colour": "orange", "minutes_ago": 30,
        },
    ]
    for r in rows:
        r["lat"], r["lon"] = m.place(r["title"], r["district"], r["lat"], r["lon"])
        r["sample"] = True
    return rows


def dump(records: list[dict]) -> str:
    # One record per line: small diffs and easy to read by eye.
    lines = [json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in records]
    return "[\n" + ",\n".join("  " + line for line in lines) + "\n]\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    ap.add_argument("--verbose", action="store_true", help="list the points that had to be nudged")
    args = ap.parse_args(argv)
    m = Map()
    data = build(m)
    stale = []
    for fname, records in data.items():
        text = dump(records)
        path = SEED / fname
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(fname)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {len(records)} records")
    if args.verbose or not args.check:
        print(f"{len(m.nudged)} points nudged inside their district")
        if args.verbose:
            for line in m.nudged:
                print("  " + line)
    if stale:
        print("stale: " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
