"""The theme's Jinja filters, added to every generator's environment by one receiver."""

from __future__ import annotations

from ..feeds.spec import absolute
from .jsonld import article_date, news_article, public_url, script_json


def news_date(article) -> str:
    """A date as honest as its evidence: "November 2021", "18 October 2021 (inferred)"."""
    precision = article.metadata.get("date_precision", "day")
    if precision == "month":
        text = article.date.strftime("%B %Y")
    elif precision == "year":
        text = article.date.strftime("%Y")
    else:
        text = f"{article.date.day} {article.date.strftime('%B %Y')}"
    if article.metadata.get("date_source") == "inferred":
        text += " (inferred)"
    return text


def filters(settings: dict) -> dict:
    base = public_url(settings)
    site_name = settings.get("SITENAME", "Newsdesk")
    return {
        "news_date": news_date,
        "iso_date": article_date,
        "news_article_json": lambda article: script_json(news_article(article, base, site_name)),
        "absolute_url": lambda url: absolute(base, url or ""),
    }


def add_filters(generator) -> None:
    """Receiver of `generator_init`: the filters every Newsdesk template uses."""
    for name, function in filters(generator.settings).items():
        generator.env.filters.setdefault(name, function)
