"""Facilitators' tools in Telegram: roles, rounds, invitations, the live picture,
moderation, broadcasts and results. ``handlers()`` is picked up by
:data:`civicbot.bot.app.EXTENSIONS`; ``background`` (the outbox drainer and the
scheduler) by :data:`civicbot.bot.runner.BACKGROUND`.

Modules: ``auth`` (who may do what, audit), ``rounds`` (rounds and roles), ``invite``,
``stats``, ``moderate``, ``broadcast``, ``results``, ``routing`` (a facilitator's typed
text), ``screening`` (what goes to moderation), ``background``, ``words``.
"""

from __future__ import annotations

from telegram.ext import BaseHandler


def handlers() -> list[BaseHandler]:
    # Imported here: the dialogue imports ``screening`` from this package, and these
    # modules import the dialogue (a facilitator's plain text falls through to it).
    from civicbot.bot.facilitator.routing import handlers as make

    return make()
