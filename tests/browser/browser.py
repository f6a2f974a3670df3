"""One headless Chromium (Debian's, through chromedriver): axe-core, reflow, screenshots."""

from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

# Without the networking flags Chromium keeps calling home, and this network refuses it.
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
# WCAG 2.2 AA, which includes the A and AA criteria of 2.0 and 2.1.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = {"serious", "critical"}
RUN_AXE = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then((result) => done(result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary})),
  }))))
  .catch((error) => done({error: String(error)}));
"""

# Reflow (WCAG 1.4.10): at 320 CSS px the page must not scroll sideways. Names the
# outermost culprits, so the fix is easy to find.
OVERFLOWING = """
const width = document.documentElement.clientWidth;
if (width > arguments[0]) return [`a ${width}px layout: <meta name="viewport"> is missing`];
if (document.documentElement.scrollWidth <= width) return [];
const out = (e) => e.getBoundingClientRect().right > width + 1;
const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
  + [...e.classList].map((c) => "." + c).join("");
return [...document.body.querySelectorAll("*")]
  .filter((e) => out(e) && !(e.parentElement && out(e.parentElement)))
  .map((e) => `${name(e)} (right edge at ${Math.round(e.getBoundingClientRect().right)}px)`);
"""


# How many characters a full line of each paragraph at a selector holds: its width over
# the average advance of its own text, measured in its own font.
LINE_LENGTHS = r"""
const context = document.createElement("canvas").getContext("2d");
return [...document.querySelectorAll(arguments[0])].map((p) => {
  const style = getComputedStyle(p);
  // Chromium leaves the "font" shorthand empty where a longhand is not its default.
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = p.textContent.trim().replace(/\s+/g, " ");
  const width = p.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return width / (context.measureText(text).width / text.length);
});
"""
LEFT_EDGES = """
return [...document.querySelectorAll(arguments[0])]
  .map((e) => Math.round(e.getBoundingClientRect().left));
"""


@dataclass(frozen=True)
class Mode:
    """How the reader sees the page: viewport width and colour scheme."""

    name: str
    width: int
    dark: bool = False
    height: int = 900

    def __str__(self):
        return f"{self.width}px, {'dark' if self.dark else 'light'}"


MODES = [Mode("desk", 1280), Mode("desk-dark", 1280, dark=True), Mode("phone", 390, height=844)]
NARROWEST = Mode("narrowest", 320, height=640)


class Browser:
    def __init__(self, *, chromium, chromedriver, axe_js=None):
        options = Options()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:  # chromedriver adds a fresh profile of its own
            options.add_argument(flag)
        self.driver = webdriver.Chrome(options=options, service=Service(chromedriver))
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        self.axe_source = Path(axe_js).read_text(encoding="utf-8") if axe_js else None

    def open(self, url, mode):
        self.emulate(mode)
        self.driver.get(url)

    def emulate(self, mode):
        scheme = "dark" if mode.dark else "light"
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": mode.width,
                "height": mode.height,
                "deviceScaleFactor": 1,
                "mobile": mode.width < 600,
            },
        )

    def serious_violations(self, url, mode):
        """The axe-core violations of impact serious or critical on the page at url."""
        self.open(url, mode)
        self.driver.execute_script(self.axe_source)
        violations = self.driver.execute_async_script(RUN_AXE, AXE_TAGS)
        if isinstance(violations, dict):
            raise RuntimeError(f"axe-core failed on {url}: {violations['error']}")
        return [v for v in violations if v["impact"] in SERIOUS]

    def overflowing(self, url, mode):
        """The outermost elements that stick out sideways, when the page scrolls sideways."""
        self.open(url, mode)
        return self.driver.execute_script(OVERFLOWING, mode.width)

    def line_lengths(self, url, mode, selector):
        """How many characters a full line of each paragraph at `selector` holds."""
        self.open(url, mode)
        return self.driver.execute_script(LINE_LENGTHS, selector)

    def left_edges(self, url, mode, selector):
        """Where each element at `selector` begins, in CSS px from the left."""
        self.open(url, mode)
        return self.driver.execute_script(LEFT_EDGES, selector)

    def screenshot(self, url, mode, path, max_height=12000):
        """A PNG of the whole page at the mode's width."""
        self.open(url, mode)
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.emulate(Mode(mode.name, mode.width, mode.dark, min(height, max_height)))
        self.driver.save_screenshot(str(path))

    def quit(self):
        self.driver.quit()


def describe(violation):
    """The rule, its impact, and each failing element's selector with what to fix."""
    lines = [f"{violation['id']} [{violation['impact']}] {violation['help']}"]
    for node in violation["nodes"]:
        summary = " ".join((node["summary"] or "").split())
        lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)
