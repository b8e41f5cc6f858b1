"""`make screenshots`: the home page and a service page, desktop and mobile, light and dark, in
every language, from the built site in headless Chromium (Debian's package).

The PNG files go to screenshots/ (not committed); the README shows one of them, copied to
.github/screenshot.png by `--readme`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts import chromium
from scripts.preview import serving
from scripts.project import Project

PAGES = {"home": "", "service": "core-services/ec2/"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
OUTPUT = Path("screenshots")
README_SHOT = Path(".github") / "screenshot.png"
README_SOURCE = "service-en-desktop-light.png"


def run(project: Project, site: Path, readme: bool) -> int:
    if not (site / "index.html").is_file():
        print(f"no site in {project.display(site)}/: run 'make build' first")
        return 2
    out = project.root / OUTPUT
    out.mkdir(exist_ok=True)
    with serving(site, project.site_url) as url, chromium.launched() as browser:
        for name, viewport in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                              is_mobile=name == "mobile", device_scale_factor=1)
                tab = context.new_page()
                for language in project.languages:
                    for page, path in PAGES.items():
                        chromium.open_page(tab, url + language.prefix + path, wait_until="networkidle")
                        file = out / f"{page}-{language.code}-{name}-{scheme}.png"
                        tab.screenshot(path=str(file))
                        print(project.display(file))
                context.close()
    if readme:
        shutil.copy(out / README_SOURCE, project.root / README_SHOT)
        print(f"{project.display(project.root / README_SHOT)} updated")
    return 0
