"""bench/search_transfer.py measures the first query on a built site (here the sample site, in Chromium)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, BuiltSite

if str(ROOT) not in sys.path:  # `bench` lives beside `generator`, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.search_transfer import measure_first_query


@pytest.mark.browser
def test_first_query_transfer_is_measured(sample_site: BuiltSite) -> None:
    row = measure_first_query(sample_site.site, "dépistage", repeat=1)
    assert row["search_results"] == 10
    parts = sum(value for key, value in row.items() if key.startswith("search_kb_"))
    assert abs(parts - row["search_kb"]) < 0.01  # the parts add up
    assert row["search_kb_wasm"] > 0 and row["search_kb_index"] > 0 and row["search_kb_fragment"] > 0
    assert 100 < row["search_kb"] < 300
    assert row["search_counts_kb"] >= row["search_kb"]
    assert 0 < row["search_first_ms"] < 20_000
    compressed = measure_first_query(sample_site.site, "dépistage", compress=True, repeat=1)
    assert compressed["search_kb_js"] < row["search_kb_js"]  # a host that gzips sends pagefind.js smaller
