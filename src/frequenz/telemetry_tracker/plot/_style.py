# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The fixed colours and markers of the timeline plot."""

from collections.abc import Mapping
from types import MappingProxyType

from ..component import SampleOutcome
from ..health import UnhealthyReason

HEALTHY_COLOR = "#4daf4a"
"""The colour of a healthy component, and of a usable group."""

NOT_USABLE_HATCH = "////"
"""The hatching, on white, of a group that is not usable."""

REASON_COLORS: Mapping[UnhealthyReason, str] = MappingProxyType(
    {
        UnhealthyReason.NO_DATA_YET: "#bdbdbd",
        UnhealthyReason.MISSING_DATA: "#ff7f0e",
        UnhealthyReason.STREAM_ENDED: "#636363",
        UnhealthyReason.STALE_SAMPLE_TIME: "#9467bd",
        UnhealthyReason.SAMPLE_TIME_IN_FUTURE: "#e377c2",
        UnhealthyReason.INVALID_SAMPLE_TIME: "#c5b0d5",
        UnhealthyReason.ERROR_REPORTED: "#d62728",
        UnhealthyReason.NO_STATE: "#bcbd22",
        UnhealthyReason.STATE_NOT_HEALTHY: "#ffd92f",
        UnhealthyReason.REQUIRED_STATE_MISSING: "#8c564b",
        UnhealthyReason.UNKNOWN_STATE_CODE: "#17becf",
        UnhealthyReason.BLOCKED: "#1f77b4",
    }
)
"""The colour of each reason, the same in every plot."""

REJECTION_MARKERS: Mapping[SampleOutcome, str] = MappingProxyType(
    {
        SampleOutcome.FOREIGN_ID: "X",
        SampleOutcome.OUT_OF_ORDER: "<",
        SampleOutcome.DUPLICATE: "o",
    }
)
"""The matplotlib marker of each cause of an ignored sample."""

REJECTION_LABELS: Mapping[SampleOutcome, str] = MappingProxyType(
    {
        SampleOutcome.FOREIGN_ID: "ignored: foreign id",
        SampleOutcome.OUT_OF_ORDER: "ignored: out of order",
        SampleOutcome.DUPLICATE: "ignored: duplicate",
    }
)
"""The legend text of each cause of an ignored sample."""
