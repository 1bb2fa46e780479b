"""Composite spec cells split into attributes with the hardware knowledge tables."""

from recommender.catalog.composites import parse_cpu, parse_display, parse_gpu, parse_storage


def test_storage_is_split_by_kind_in_gb():
    parts = parse_storage("128GB SSD +  1TB HDD")
    assert parts["ssd"] == 128 and parts["hdd"] == 1024 and parts["storage_total"] == 1152
    assert parse_storage("256GB SSD +  256GB SSD")["ssd"] == 512
    assert parse_storage("1.0TB Hybrid")["hybrid_storage"] == 1024
    phone = parse_storage("128 GB")  # no kind: the total is known, the kinds are not
    assert phone["storage_total"] == 128 and phone["ssd"] is None and phone["hdd"] is None
    assert parse_storage("Windows 11") is None


def test_cpu_is_split_into_brand_family_tier_generation_clock():
    cpu = parse_cpu("Intel Core i5 7200U 2.5GHz")
    assert (cpu["cpu_brand"], cpu["cpu_family"], cpu["cpu_tier"]) == ("Intel", "Core", "Core i5")
    assert (cpu["cpu_generation"], cpu["cpu_clock"], cpu["cpu_model"]) == (7, 2.5, "7200U")
    assert parse_cpu("Intel Core i7 10510U 1.8GHz")["cpu_generation"] == 10
    assert parse_cpu("Intel Core i5 1235U 1.3GHz")["cpu_generation"] == 12
    assert parse_cpu("Intel Core i5 12th Gen")["cpu_generation"] == 12
    assert parse_cpu("AMD Ryzen 5 7530U")["cpu_tier"] == "Ryzen 5"
    assert parse_cpu("Apple M2 Pro")["cpu_tier"] == "M2 Pro"
    assert parse_cpu("Windows 10") is None


def test_cpu_levels_order_tiers_across_brands():
    names = ["Intel Celeron N4020", "Intel Core i3", "Intel Core i5", "Intel Core i7", "Intel Core i9", "AMD Ryzen 5"]
    level = {t: parse_cpu(t)["cpu_level"] for t in names}
    assert level["Intel Celeron N4020"] < level["Intel Core i3"] < level["Intel Core i5"] < level["Intel Core i7"]
    assert level["Intel Core i7"] < level["Intel Core i9"]
    assert level["AMD Ryzen 5"] == level["Intel Core i5"]


def test_gpu_classes():
    assert parse_gpu("Intel HD Graphics 620")["gpu_class"] == "integrated"
    assert parse_gpu("Nvidia GeForce MX150")["gpu_class"] == "entry"
    assert parse_gpu("NVIDIA GeForce RTX 4060 8GB") == {"gpu_brand": "NVIDIA", "gpu_class": "mid", "gpu_memory": 8}
    assert parse_gpu("Nvidia GeForce RTX 2080")["gpu_class"] == "high"


def test_display_resolution_panel_and_touch():
    assert parse_display("IPS Panel Full HD 1920x1080") == {
        "resolution_width": 1920,
        "resolution_height": 1080,
        "panel": "IPS",
        "touchscreen": False,
    }
    assert parse_display("Full HD / Touchscreen 1920x1080")["touchscreen"] is True
    phone = parse_display("1080\u2009x\u20092400")
    assert (phone["resolution_width"], phone["resolution_height"]) == (2400, 1080)
