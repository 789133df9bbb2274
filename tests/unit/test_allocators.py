"""Allocator settings: defaults fill gaps, a user's own values win."""

from __future__ import annotations

from newsetl.allocators import ALLOCATOR_ENV, tune_allocators, tune_this_process


def test_defaults_fill_unset_variables() -> None:
    env: dict[str, str] = {}
    tune_allocators(env)
    assert env == ALLOCATOR_ENV


def test_values_already_set_are_kept() -> None:
    env = {"MALLOC_ARENA_MAX": "8", "ARROW_DEFAULT_MEMORY_POOL": "jemalloc"}
    tune_allocators(env)
    assert env["MALLOC_ARENA_MAX"] == "8"
    assert env["ARROW_DEFAULT_MEMORY_POOL"] == "jemalloc"
    assert env["_RJEM_MALLOC_CONF"] == ALLOCATOR_ENV["_RJEM_MALLOC_CONF"]


def test_arena_limit_applies_to_this_process_without_error() -> None:
    tune_this_process(2)
    tune_this_process(0)  # disabled: nothing to do
