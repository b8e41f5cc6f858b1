"""robots.txt at the root of the site, pointing crawlers at every language's sitemap.

Written by the default language's build only, from site_url and extra.languages, so that it never
disagrees with the configuration.
"""

from __future__ import annotations

from pathlib import Path

ROBOTS = "robots.txt"


def on_post_build(config):
    i18n = config.extra["i18n"]
    if i18n["current"] != i18n["default"] or not config.site_url:
        return
    sitemaps = "".join(f"Sitemap: {language['url']}sitemap.xml\n" for language in i18n["languages"])
    (Path(config.site_dir) / ROBOTS).write_text(f"User-agent: *\nAllow: /\n\n{sitemaps}", encoding="utf-8")
