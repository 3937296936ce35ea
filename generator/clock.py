"""The network's clock: its time zone, and "today" as a day in that zone whatever the machine's `TZ`.

`MAILLAGE_AUJOURDHUI` (an ISO date) fixes today, for tests and for rebuilding a past site byte for byte.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")  # times written without a zone are local times of the network
TODAY_VARIABLE = "MAILLAGE_AUJOURDHUI"


def today() -> date:
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE} doit être une date AAAA-MM-JJ, pas « {fixed} »") from None
    return datetime.now(PARIS).date()
