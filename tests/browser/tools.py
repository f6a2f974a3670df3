"""Where the browser checks find their tools, and how to install each one that is missing."""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

# name: (environment variable that overrides the path, default path, how to install it)
TOOLS = {
    "chromium": ("CHROMIUM", shutil.which("chromium"), "apt-get install chromium chromium-driver"),
    "chromedriver": (
        "CHROMEDRIVER",
        shutil.which("chromedriver"),
        "apt-get install chromium-driver",
    ),
    "java": ("JAVA", shutil.which("java"), "apt-get install default-jre-headless"),
    "vnu.jar": ("VNU_JAR", NODE_MODULES / "vnu-jar/build/dist/vnu.jar", "npm ci --ignore-scripts"),
    "axe.min.js": ("AXE_JS", NODE_MODULES / "axe-core/axe.min.js", "npm ci --ignore-scripts"),
}


def locate(name):
    """The tool's path, or None when it is not installed."""
    variable, default, _ = TOOLS[name]
    path = os.environ.get(variable) or default
    return str(path) if path and Path(path).is_file() else None


def missing(*names):
    """One line per missing tool, saying how to install it."""
    return [f"{name} not installed: {TOOLS[name][2]}" for name in names if not locate(name)]
