"""The demo: a simulated round through the real dialogue engine and store, to a report.

``population`` draws simulated residents (who takes part, and who does not); the phrase
bank (``phrases``, ``phrases_services``, ``phrases_future``) and ``answers`` say how they
answer; ``simulate`` drives them through the engine and store; ``run`` puts it together
for ``civicbot demo``. Every round it creates is marked as simulated.
"""
