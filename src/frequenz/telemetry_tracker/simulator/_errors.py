# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Exceptions raised by the simulator."""

from .._errors import TelemetryTrackerError


class ScenarioError(TelemetryTrackerError):
    """A scenario file cannot be read or is invalid.

    The message names the file, the field path (for example
    `components[2].telemetry.period`) and what was expected there.
    """

    def __init__(self, message: str, *, source: str, field_path: str = "") -> None:
        """Create the error.

        Args:
            message: The full message, already naming the file and the field.
            source: The scenario file, or a placeholder for text that was not
                read from a file.
            field_path: The path of the invalid field, empty when the error is
                about the file as a whole.
        """
        super().__init__(message)
        self.source: str = source
        """The scenario file, or a placeholder for text not read from a file."""

        self.field_path: str = field_path
        """The path of the invalid field, empty for errors about the whole file."""


class PowerCommandError(TelemetryTrackerError):
    """A power command failed.

    The component is unknown, takes no power commands, or the scenario makes
    commands to it fail at that time.
    """

    def __init__(self, message: str, *, status: str) -> None:
        """Create the error.

        Args:
            message: What failed, naming the component.
            status: The name of the gRPC status code that the gRPC server
                returns for the same command, for example `UNAVAILABLE`.
        """
        super().__init__(message)
        self.status: str = status
        """The name of the gRPC status code the gRPC server returns instead."""
