"""Topics of the statements residents voted on (Pol.is comments, or statements written in a
deliberation step), found with the same offline pipeline as themes of free-text answers.

Start with :func:`find_topics`; :mod:`civicbot_analysis.topics.model` holds what it returns.
"""

from civicbot_analysis.topics.find import ALIKE, METHOD, find_topics, statement_round
from civicbot_analysis.topics.model import Topic, TopicResult

__all__ = ["ALIKE", "METHOD", "Topic", "TopicResult", "find_topics", "statement_round"]
