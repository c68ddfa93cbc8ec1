"""What a benchmark ran on: CPU, cores, memory, Python, numpy, date."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path

import numpy as np


def describe() -> str:
    cpu = platform.processor() or "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("\n", 1)[0].split()[1])
        memory = f", {kib / 1024**2:.0f} GiB RAM"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; Python {platform.python_version()}, "
        f"numpy {np.__version__}; {dt.date.today().isoformat()}"
    )
