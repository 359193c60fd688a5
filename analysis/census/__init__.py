"""Census 2021 tables as ONS publishes them, turned into reference populations.

- :mod:`~civicbot_analysis.census.ons`: reading bulk topic summaries and custom datasets.
- :mod:`~civicbot_analysis.census.build`: mapping their categories onto the script's fields, for
  the ages who can take part, and writing a reference file (``civicbot reference build``).
"""
