"""Every command explains itself: an example in its help, and a help text for every option."""
import argparse

import pytest

from kg.cli import COMMAND_MODULES, make_parser


def subparsers():
    parser = make_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_command_module_is_registered():
    assert set(subparsers()) == {m.rsplit(".", 1)[-1] for m in COMMAND_MODULES}
    assert set(subparsers()) == {"build", "export", "validate", "query", "serve"}


@pytest.mark.parametrize("name", sorted(subparsers()))
def test_command_help_has_an_example_and_documents_every_option(name):
    parser = subparsers()[name]
    assert "Example" in (parser.epilog or "")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"kg {name}: {action.option_strings or action.dest} has no help"
