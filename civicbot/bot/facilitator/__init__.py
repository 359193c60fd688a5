"""Facilitators' tools in Telegram: roles, rounds, invitations, the live picture,
moderation, broadcasts and results. :func:`civicbot.bot.app.add_handlers` adds
``routing.handlers()``; :func:`civicbot.bot.jobs.background_jobs` starts
``background`` (the outbox drainer and the scheduler).

Modules: ``auth`` (who may do what, audit), ``rounds`` (rounds and roles), ``invite``,
``stats``, ``moderate``, ``broadcast``, ``results``, ``routing`` (a facilitator's typed
text, and the handlers), ``background``, ``words``. What goes to moderation is decided
outside Telegram, in :mod:`civicbot.screening`.
"""
