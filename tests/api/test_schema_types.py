"""The schemas spell their enums out for the type checker; `mirrors` keeps each one the model's list."""

from typing import Literal

import pytest

from innovation.api.schemas.base import mirrors


def test_a_literal_that_lists_the_tuple_passes():
    mirrors(Literal["low", "medium", "high"], ("low", "medium", "high"))


@pytest.mark.parametrize("values", [("low", "medium"), ("low", "medium", "high", "extreme"), ("high", "medium", "low")])
def test_a_literal_that_drifted_from_its_tuple_fails(values):
    with pytest.raises(TypeError, match="does not list exactly"):
        mirrors(Literal["low", "medium", "high"], values)
