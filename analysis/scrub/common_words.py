"""Common English words that are not names, for the words after "my name is".

A resident who writes "my name is on the tenancy" or "my name is sarah and I..." gives
either no name or a name followed by ordinary words; the first word found here ends the
name. Words that are also common first names ("will", "may", "rose", "grace", "hope",
"mark", "bill", "pat", "dawn", "joy") are deliberately left out.
"""

from __future__ import annotations

_WORDS = """
a about above after again against all almost alone already also always am among an and
another any anyone anything are aren't around as ask asked at away back bad be because
been before being below best better between both but by called came can can't cannot
come could couldn't did didn't different do does doesn't doing don't done down during each
easy either else enough even ever every everyone everything exactly far few first for
found from full fine forgotten gave get gets getting give given go goes going gone good
got great had hadn't has hasn't have haven't having he her here hers him his how however
i i'd i'll i'm i've if important in into is isn't it it's its just keep kept known last
least left less let like listed little long lost made make many me mentioned might mine
missing more most much must my myself need needed never new next no nobody none nor not
nothing now of off often ok okay old on once one only or other others our out over own
please printed put quite rather really right said same saw say says see seen she should
shouldn't shown since so some someone something sometimes soon spelled spelt still such
sure take taken than thank thanks that that's the their them then there these they
this those though through to today told too took under until up upon us used very was
wasn't we well went were weren't what when where whether which while who whole why with
within without won't would wouldn't wrong yes yet you your yours also down
unimportant irrelevant private secret confidential recorded registered written
misspelled mispronounced difficult hard common unusual long short foreign english
british famous hidden anonymous withheld redacted changed
"""
COMMON_WORDS: frozenset[str] = frozenset(_WORDS.split())
