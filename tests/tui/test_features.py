"""The command table names, for each key, the feature that runs it: every one must exist."""

from __future__ import annotations

from readq.tui.commands import COMMANDS
from readq.tui.main.screen import FEATURES


def test_every_command_names_a_feature_with_its_action_method() -> None:
    features = {feature.name: feature for feature in FEATURES}
    assert len(features) == len(FEATURES)  # no two features share a name
    for command in COMMANDS:
        assert command.feature in features, command
        assert callable(getattr(features[command.feature], command.method, None)), command
