"""The background jobs that run beside the dialogue worker, listed once, in start order.

Each area's module offers ``background(application, services)``, returning the jobs it
needs (none, when a setting turns it off); a job takes a stop event and returns once it
is set. :func:`background_jobs` calls them in turn, and ``civicbot run`` hands the list
to :class:`civicbot.bot.runner.Runner`. A new job is one more line here.
"""

from __future__ import annotations

from telegram.ext import Application

from civicbot.bot import alerts, maintenance, voice
from civicbot.bot.facilitator import background as facilitator
from civicbot.bot.runner import Job
from civicbot.bot.services import Services


def background_jobs(application: Application, services: Services) -> list[Job]:
    """The broadcast outbox drainer and the round scheduler, the retention rule, voice
    note fetching, and safeguarding alert delivery."""
    return [
        *facilitator.background(application, services),
        *maintenance.background(application, services),
        *voice.background(application, services),
        *alerts.background(application, services),
    ]
