"""Temporary folders for many small files: in memory (/dev/shm) where the system has one with room enough (a
container's is often 64 MB), since creating ten thousand folders and files takes seconds on some disks."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MEMORY = Path("/dev/shm")


def scratch_folder(prefix: str, room: int) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder that will hold about `room` bytes."""
    where = None
    if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) and shutil.disk_usage(MEMORY).free > room:
        where = str(MEMORY)
    return tempfile.TemporaryDirectory(prefix=prefix, dir=where)
