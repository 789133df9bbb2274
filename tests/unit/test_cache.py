from newsetl.cache import Generations


def test_keeps_what_is_used_and_bounds_size() -> None:
    cache: Generations[int] = Generations(3)
    for i in range(3):
        cache.put(f"k{i}", i)
    for i in range(20):
        assert cache.get("k0") == 0  # in use: promoted at every turnover
        cache.put(f"x{i}", i)
        assert len(cache) <= 6
    assert cache.get("k1") is None  # unused: dropped after two turnovers
    assert cache.get("x19") == 19


def test_missing_key() -> None:
    assert Generations[str](1).get("nope") is None
