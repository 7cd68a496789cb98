# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Typed access to parsed TOML tables, with the field path in every error."""

import math
from collections.abc import Iterable, Mapping
from typing import Final

from ._errors import ScenarioError

_MAX_REPR_LENGTH: Final = 60
"""Maximum length of an invalid value shown in a message, so that a whole table
does not flood it."""


def _show(value: object) -> str:
    """Format an invalid value for an error message, shortened if long."""
    text = repr(value)
    if len(text) > _MAX_REPR_LENGTH:
        text = text[: _MAX_REPR_LENGTH - 3] + "..."
    return text


class TableReader:
    """Read typed fields of one TOML table.

    Every error is a `ScenarioError` whose message names the file, the path of
    the field (for example `components[2].telemetry.period`) and what was
    expected there.
    """

    def __init__(self, table: Mapping[str, object], *, path: str, source: str) -> None:
        """Wrap a table.

        Args:
            table: The parsed table.
            path: The path of the table in the file, empty for the top level.
            source: The file name, used in error messages.
        """
        self._table = table
        self._path = path
        self._source = source

    @property
    def path(self) -> str:
        """The path of this table in the file, empty for the top level."""
        return self._path

    def field_path(self, key: str) -> str:
        """Return the path of a field of this table."""
        return f"{self._path}.{key}" if self._path else key

    def has(self, key: str) -> bool:
        """Return whether the table sets a field."""
        return key in self._table

    def invalid(self, key: str, expected: str) -> ScenarioError:
        """Build the error for a field whose value is not what was expected.

        Args:
            key: The field.
            expected: What the field should hold, as a noun phrase.

        Returns:
            The error, for the caller to raise.
        """
        path = self.field_path(key)
        value = _show(self._table.get(key))
        return ScenarioError(
            f"{self._source}: invalid {path}: expected {expected}, got {value}",
            source=self._source,
            field_path=path,
        )

    def missing(self, key: str, expected: str) -> ScenarioError:
        """Build the error for a required field that is absent.

        Args:
            key: The field.
            expected: What the field should hold, as a noun phrase.

        Returns:
            The error, for the caller to raise.
        """
        path = self.field_path(key)
        return ScenarioError(
            f"{self._source}: missing {path}: expected {expected}",
            source=self._source,
            field_path=path,
        )

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        """Check that the table sets no field outside `allowed`.

        Args:
            allowed: The field names the table may set.

        Raises:
            ScenarioError: If the table sets another field, usually a typo.
        """
        known = set(allowed)
        for key in self._table:
            if key not in known:
                path = self.field_path(key)
                raise ScenarioError(
                    f"{self._source}: unknown field {path}: expected one of "
                    f"{', '.join(sorted(known))}",
                    source=self._source,
                    field_path=path,
                )

    def value(self, key: str, expected: str) -> object:
        """Return the raw value of a required field.

        Args:
            key: The field.
            expected: What the field should hold, for the error message.

        Returns:
            The value as parsed from TOML.

        Raises:
            ScenarioError: If the field is absent.
        """
        if key not in self._table:
            raise self.missing(key, expected)
        return self._table[key]

    def number(
        self, key: str, *, expected: str = "a number", minimum: float | None = None
    ) -> float:
        """Return a required finite number.

        Args:
            key: The field.
            expected: What the field should hold, for the error message.
            minimum: The smallest accepted value, or `None` for no limit.

        Returns:
            The number as a float.

        Raises:
            ScenarioError: If the field is absent, not a finite number, or
                below `minimum`.
        """
        raw = self.value(key, expected)
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise self.invalid(key, expected)
        number = float(raw)
        if not math.isfinite(number) or (minimum is not None and number < minimum):
            raise self.invalid(key, expected)
        return number

    def positive_number(self, key: str, *, expected: str) -> float:
        """Return a required finite number greater than zero.

        Args:
            key: The field.
            expected: What the field should hold, for the error message.

        Returns:
            The number as a float.

        Raises:
            ScenarioError: If the field is absent or not a positive number.
        """
        number = self.number(key, expected=expected)
        if number <= 0.0:
            raise self.invalid(key, expected)
        return number

    def integer(self, key: str, *, expected: str, minimum: int = 0) -> int:
        """Return a required integer.

        Args:
            key: The field.
            expected: What the field should hold, for the error message.
            minimum: The smallest accepted value.

        Returns:
            The integer.

        Raises:
            ScenarioError: If the field is absent, not an integer, or below
                `minimum`.
        """
        raw = self.value(key, expected)
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < minimum:
            raise self.invalid(key, expected)
        return raw

    def string(self, key: str, *, expected: str = "a string") -> str:
        """Return a required string.

        Args:
            key: The field.
            expected: What the field should hold, for the error message.

        Returns:
            The string.

        Raises:
            ScenarioError: If the field is absent or not a string.
        """
        raw = self.value(key, expected)
        if not isinstance(raw, str):
            raise self.invalid(key, expected)
        return raw

    def choice(self, key: str, choices: Iterable[str]) -> str:
        """Return a required string that must be one of `choices`.

        Args:
            key: The field.
            choices: The accepted values.

        Returns:
            The string.

        Raises:
            ScenarioError: If the field is absent or not one of `choices`.
        """
        accepted = list(choices)
        expected = "one of " + ", ".join(f'"{choice}"' for choice in accepted)
        raw = self.string(key, expected=expected)
        if raw not in accepted:
            raise self.invalid(key, expected)
        return raw

    def boolean(self, key: str) -> bool:
        """Return a required boolean.

        Args:
            key: The field.

        Returns:
            The boolean.

        Raises:
            ScenarioError: If the field is absent or not a boolean.
        """
        raw = self.value(key, "true or false")
        if not isinstance(raw, bool):
            raise self.invalid(key, "true or false")
        return raw

    def array(self, key: str, *, expected: str) -> list[object]:
        """Return a required array.

        Args:
            key: The field.
            expected: What the array should hold, for the error message.

        Returns:
            The array items.

        Raises:
            ScenarioError: If the field is absent or not an array.
        """
        raw = self.value(key, expected)
        if not isinstance(raw, list):
            raise self.invalid(key, expected)
        return raw

    def table(self, key: str, *, expected: str = "a table") -> "TableReader":
        """Return a required sub-table.

        Args:
            key: The field.
            expected: What the table should hold, for the error message.

        Returns:
            A reader for the sub-table.

        Raises:
            ScenarioError: If the field is absent or not a table.
        """
        raw = self.value(key, expected)
        if not isinstance(raw, dict):
            raise self.invalid(key, expected)
        return TableReader(raw, path=self.field_path(key), source=self._source)

    def tables(self, key: str, *, expected: str) -> list["TableReader"]:
        """Return the tables of an array of tables, empty if the field is absent.

        Args:
            key: The field, written as `[[key]]` in the file.
            expected: What each table should hold, for the error message.

        Returns:
            A reader per table, in file order.

        Raises:
            ScenarioError: If the field is not an array of tables.
        """
        if key not in self._table:
            return []
        raw = self.array(key, expected=f"an array of {expected}")
        readers: list[TableReader] = []
        for index, item in enumerate(raw):
            path = f"{self.field_path(key)}[{index}]"
            if not isinstance(item, dict):
                raise ScenarioError(
                    f"{self._source}: invalid {path}: expected {expected}, "
                    f"got {_show(item)}",
                    source=self._source,
                    field_path=path,
                )
            readers.append(TableReader(item, path=path, source=self._source))
        return readers

    def field_names(self) -> list[str]:
        """Return the fields the table sets, in file order."""
        return list(self._table)
