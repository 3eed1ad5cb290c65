"""What My actions tells a person, beyond the actions themselves: a registry the apps that
stand on `actions` add to (as the update round adds what is overdue for escalation), so
`actions` needs to import none of them."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeLine:
    text: str
    href: str


@dataclass(frozen=True)
class Notice:
    """A titled list of links, e.g. "Overdue for escalation in Sutton"."""

    heading: str
    intro: str
    lines: list[NoticeLine]
    more_href: str = ""
    more_text: str = ""


# Asked with (user, today); each returns the notices it has for that person, maybe none.
NoticeProvider = Callable[..., list[Notice]]
_providers: list[NoticeProvider] = []


def register(provider: NoticeProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def notices_for(user, today: dt.date) -> list[Notice]:
    return [notice for provider in _providers for notice in provider(user, today)]
