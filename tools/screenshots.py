"""Screenshots of the product's pages at 1280 and 390 px, as each role sees them.

    .venv/bin/python -m tools.screenshots [--base http://127.0.0.1:5000] [--out shots] [--only home,round]

Runs against a server started by `make run` (demo data; every demo password is
commons-demo-2026). For each page and width it writes <out>/<role>-<page>-<width>.png and prints
one line per page with the page's width overflow (scrollWidth − innerWidth) and the narrowest
table cell, so a phone layout that breaks shows in numbers as well as in the picture."""

import argparse
import re
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from innovation.demo.seed import DEMO_DOMAIN, DEMO_PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run"]

# (name, path or a callable finding it on the page, roles that look at it)
PAGES = [
    ("home", "/", ("visitor", "customer", "pm")),
    ("ideas", "/ideas", ("visitor", "customer")),
    ("idea", "first:/ideas:a[href^='/ideas/']:not([href$='new'])", ("customer",)),
    ("new-idea", "/ideas/new", ("customer",)),
    ("edit-idea", "first:/ideas/1:a[href$='/edit']", ("pm",)),
    ("roadmap", "/roadmap", ("visitor",)),
    ("rounds", "/rounds", ("visitor", "pm")),
    ("round-decided", "round:decided", ("visitor", "customer", "pm")),
    ("round-voting", "round:voting", ("visitor", "customer", "pm")),
    ("round-closed", "round:closed", ("customer", "pm")),
    ("round-deliberation", "round:deliberation", ("customer", "pm")),
    ("round-draft", "round:draft", ("pm",)),
    ("receipt", "round:decided:/receipt?code=NOSUCHCODE", ("customer",)),
    ("counting", "/rounds/how-counting-works", ("visitor",)),
    ("new-round", "/rounds/new", ("pm",)),
    ("candidate-form", "round:draft:/candidates/new", ("pm",)),
    ("ballot-preview", "round:draft:/preview", ("pm",)),
    ("builder-ideas", "/ideas", ("pm",)),
    ("builder-idea", "first:/ideas:a[href^='/ideas/']:not([href$='new'])", ("pm",)),
    ("impact-form", "round:draft:@a[href*='/impact']", ("pm",)),
    ("outcome-form", "round:closed:/outcome", ("pm",)),
    ("search", "/search?q=offline", ("customer",)),
    ("search-comments", "/search?q=invoice&type=comments", ("customer",)),
    ("search-people", "/search?q=a&type=people", ("customer",)),
    ("search-empty", "/search", ("visitor",)),
    ("notifications", "/notifications", ("customer",)),
    ("settings", "/settings", ("customer",)),
    ("notification-settings", "/settings/notifications", ("customer",)),
    ("experts", "/experts", ("employee",)),
    ("profile", "first:/experts:a[href^='/people/']", ("employee",)),
    ("own-profile", "first:/settings:a[href^='/people/']", ("customer",)),
    ("common-contacts", "first:/people/1:a[href*='/common/']", ("employee",)),
    ("sign-out", "/logout", ("customer",)),
    ("not-found", "/no-such-page", ("visitor",)),
    ("forbidden", "/admin/", ("customer",)),
    ("admin", "/admin", ("admin",)),
    ("audit", "/admin/audit", ("admin",)),
    ("deliveries", "/admin/deliveries", ("admin",)),
    ("statuses", "/admin/statuses", ("admin",)),
    ("status-edit", "/admin/statuses/next-quarter", ("admin",)),
    ("moderation", "/moderation", ("pm",)),
    ("site-settings", "/admin/settings", ("admin",)),
    # The customer's newest own idea (waiting for approval when the demo's premoderation is on).
    ("waiting-idea", "first:/:a.home-item-title", ("customer",)),
    ("login", "/login", ("visitor",)),
    ("register", "/register", ("visitor",)),
    ("invite", "/invite", ("pm",)),
]

MEASURE = """() => {
  // Visible cells only: not those of a clipped box (such as a stacked table's hidden header).
  const shown = (el) => {
    if (!el.checkVisibility({visibilityProperty: true})) return false;
    for (let box = el; box && box !== document.body; box = box.parentElement) {
      const rect = box.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return false;
    }
    return true;
  };
  const cells = [...document.querySelectorAll('td, th')].filter(shown);
  const widths = cells.map(c => c.getBoundingClientRect().width).filter(w => w > 0);
  return {over: document.documentElement.scrollWidth - window.innerWidth,
          narrowest: widths.length ? Math.round(Math.min(...widths)) : null};
}"""


def sign_in(page, base, role):
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill(f"{role}@{DEMO_DOMAIN}")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_load_state()


def resolve(page, base, target):
    if target.startswith("first:"):
        _, listing, selector = target.split(":", 2)
        page.goto(base + listing)
        return page.locator(selector).first.get_attribute("href")
    if target.startswith("round:"):
        # round:<state>[:<suffix>]: the first round in that state, plus a path suffix, or
        # "@<selector>": the first link on that round's page matching the selector
        parts = target.split(":", 2)
        state, suffix = parts[1], parts[2] if len(parts) > 2 else ""
        page.goto(base + "/rounds")
        for href in page.locator("a[href^='/rounds/']").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
            if not re.fullmatch(r"/rounds/\d+", href or ""):
                continue
            page.goto(base + href)
            status = page.locator(".round-header .chip").first.inner_text().lower()
            if state in status or (state == "voting" and "open" in status):
                if suffix.startswith("@"):
                    return page.locator(suffix[1:]).first.get_attribute("href")
                return href + suffix
        return None
    return target


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:5000")
    parser.add_argument("--out", default="shots")
    parser.add_argument("--only", default="")
    parser.add_argument("--widths", default="1280,390")
    options = parser.parse_args()
    only = set(filter(None, options.only.split(",")))
    out = Path(options.out)
    out.mkdir(exist_ok=True)
    roles = ["visitor", "customer", "employee", "pm", "admin"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for role in roles:
            wanted = [p for p in PAGES if role in p[2] and (not only or p[0] in only)]
            if not wanted:
                continue
            for width in map(int, options.widths.split(",")):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                if role != "visitor":
                    sign_in(page, options.base, role)
                for name, target, _roles in wanted:
                    path = resolve(page, options.base, target)
                    if not path:
                        print(f"{role:9} {name:22} {width:5}  (no such page in the demo data)")
                        continue
                    page.goto(options.base + path)
                    page.wait_for_load_state("networkidle")
                    numbers = page.evaluate(MEASURE)
                    file = out / f"{role}-{name}-{width}.png"
                    page.screenshot(path=str(file), full_page=True)
                    over, narrowest = numbers["over"], numbers["narrowest"]
                    print(f"{role:9} {name:22} {width:5}  overflow {over:4}  narrowest cell {narrowest}  {path}")
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
