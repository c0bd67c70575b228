"""What progresses: session records, the rules, and the engine that applies them.

Three layers, each a module or package of its own (imports point down only):

- :mod:`plantarkit.progression.records`: what happened in a session (logs, pain, tests);
- :mod:`plantarkit.progression.rules`: pain, progression and regression rules, as values;
- :mod:`plantarkit.progression.engine`: ``start``, ``advance``, ``clear_referral`` and their values.

Protocols and programmes sit between the rules and the engine, in :mod:`plantarkit.plans`.
The names below load on first use, so importing one layer does not import the others.
"""

from plantarkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, __file__)
