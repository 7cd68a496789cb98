# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The reasons why a component is judged unhealthy."""

import enum


@enum.unique
class UnhealthyReason(enum.Enum):
    """A reason a component is not healthy.

    A component can be unhealthy for several reasons at once; the status
    carries all of them. The values are stable strings, used in JSON output
    and scenario files.
    """

    NO_DATA_YET = "no_data_yet"
    """No sample has arrived since tracking started."""

    MISSING_DATA = "missing_data"
    """No sample arrived within the missing-data tolerance (loop time)."""

    STREAM_ENDED = "stream_ended"
    """The telemetry stream ended; the component is waiting to be resubscribed."""

    STALE_SAMPLE_TIME = "stale_sample_time"
    """The sample's own timestamp is older than the maximum sample age."""

    SAMPLE_TIME_IN_FUTURE = "sample_time_in_future"
    """The sample's own timestamp is ahead of the host's wall clock by more
    than the allowed clock skew, so its age cannot be trusted."""

    INVALID_SAMPLE_TIME = "invalid_sample_time"
    """The sample has no timestamp, or a naive one, so its age is unknown."""

    ERROR_REPORTED = "error_reported"
    """The component reported at least one error."""

    NO_STATE = "no_state"
    """The sample carries no state code at all."""

    STATE_NOT_HEALTHY = "state_not_healthy"
    """A reported state code is not healthy, or no operational state is present."""

    REQUIRED_STATE_MISSING = "required_state_missing"
    """A state code that the policy requires (for example RELAY_CLOSED) is absent."""

    UNKNOWN_STATE_CODE = "unknown_state_code"
    """A reported state code is unknown, unspecified, or not a known enum value."""

    BLOCKED = "blocked"
    """A power command to the otherwise healthy component failed; it is left
    out until its block ends or a command succeeds."""
