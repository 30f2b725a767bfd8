"""The collaboration network of the actors, as the analyses use it.

The projection and its reasons live in :mod:`graph.collaboration` so that the named question
``partners_of_actor`` (answered in ``graph/``) and the analyses here count partners by one rule;
this module is the name the analyses and pages import.
"""

from __future__ import annotations

from graph.collaboration import (
    DIRECT_REASONS,
    PROGRAMME_RUNNER_TYPES,
    REASON_LABELS,
    REASONS,
    SHARED_REASONS,
    TARGET_WORK_TYPES,
    actor_reasons,
    collaboration_projection,
    direct_types,
    explain_edge,
    period_bounds,
    reason_label,
)

__all__ = [
    "DIRECT_REASONS",
    "REASONS",
    "REASON_LABELS",
    "PROGRAMME_RUNNER_TYPES",
    "SHARED_REASONS",
    "TARGET_WORK_TYPES",
    "actor_reasons",
    "collaboration_projection",
    "direct_types",
    "explain_edge",
    "reason_label",
    "period_bounds",
]
