"""Save full-page PNG screenshots of the main public pages, for people to look at.

    .venv/bin/python -m tests.browser.screenshots http://127.0.0.1:8000 [--out FOLDER]

Takes home, article, author and dossier pages at 1280 and 390 px wide, light and dark,
in headless Chromium (Debian's chromium and chromium-driver). Not a test.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from tests.browser import tools
from tests.browser.browser import Browser, Mode
from tests.browser.pages import SHOWCASE

MODES = [Mode("1280", 1280), Mode("1280-dark", 1280, dark=True), Mode("390", 390, height=844)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base_url", help="where the site runs, e.g. http://127.0.0.1:8000")
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "outlet-screenshots"
    )
    args = parser.parse_args()
    if reasons := tools.missing("chromium", "chromedriver"):
        sys.exit("; ".join(reasons))
    args.out.mkdir(parents=True, exist_ok=True)
    browser = Browser(chromium=tools.locate("chromium"), chromedriver=tools.locate("chromedriver"))
    try:
        for name, path in SHOWCASE.items():
            for mode in MODES:
                target = args.out / f"{name}-{mode.name}.png"
                browser.screenshot(args.base_url.rstrip("/") + path, mode, target)
                print(target)
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
