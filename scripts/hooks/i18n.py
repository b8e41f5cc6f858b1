"""What each page needs to know about the other languages.

Every language is its own MkDocs site (mkdocs.yml, mkdocs.<code>.yml) and all of them share their
relative paths, so the counterpart of `<root>/X` is `<root>/<code>/X`. This hook works out, once per
build, where each language's root is, relative to this site's root (for the language switch) and
as an absolute URL (for the `hreflang` alternates); templates read it as `config.extra.i18n`.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError


def on_config(config):
    languages = config.extra.get("languages") or []
    codes = [language["code"] for language in languages]
    current = config.theme.get("language")
    if current not in codes:
        raise PluginError(f"theme.language '{current}' is not one of extra.languages: {', '.join(codes)}")

    default = codes[0]
    site_url = config.site_url or ""
    root_url = site_url if current == default else site_url.removesuffix(f"{current}/")
    up_to_root = "" if current == default else "../"
    config.extra["i18n"] = {
        "current": current,
        "default": default,
        "languages": [
            {
                "code": language["code"],
                "name": language["name"],
                "locale": language.get("locale", language["code"]),
                "root": up_to_root + _prefix(language["code"], default),
                "url": root_url + _prefix(language["code"], default),
            }
            for language in languages
        ],
    }

    strings = config.extra.get("strings") or {}
    toc = config.mdx_configs.setdefault("toc", {})
    if "permalink" in strings:
        toc["permalink_title"] = strings["permalink"]
    return config


def _prefix(code: str, default: str) -> str:
    return "" if code == default else f"{code}/"
