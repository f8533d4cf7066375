"""Every kata meets the kata contract (grader/authoring/contract.py), checked the same way `grade dev check`
checks it: the katas, mutants and alternatives are found by discovery, so a new kata is covered without a
new test."""

from __future__ import annotations

import pytest

from conftest import ALTERNATIVES, KATA_NAMES, KATAS, MUTANTS
from grader.authoring import contract

by_kata = pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)


def holds(verdict: contract.Verdict) -> None:
    assert verdict.passed, f"{verdict.check}: {verdict.detail}"


@by_kata
def test_the_kata_folder_has_a_statement_a_stub_examples_and_metadata(kata):
    holds(contract.check_files(kata))


@by_kata
def test_every_level_named_in_kata_toml_has_tests_and_only_those(kata):
    holds(contract.check_levels(kata))


@by_kata
def test_the_kata_has_hints(kata):
    holds(contract.check_hints(kata))


@by_kata
def test_the_stub_offers_exactly_the_reference_api(kata):
    holds(contract.check_stub_api(kata))


@by_kata
def test_the_reference_scores_100(kata, warm_grader):
    holds(contract.check_reference(kata, warm_grader))


@by_kata
def test_the_untouched_stub_scores_0_and_is_not_started(kata, warm_grader):
    holds(contract.check_stub(kata, warm_grader))


@by_kata
def test_the_stub_is_committed_so_reset_can_recover_it(kata):
    verdict = contract.check_stub_committed(kata)
    assert not verdict.warning, verdict.detail


@by_kata
def test_the_visible_examples_pass_on_the_reference_and_fail_on_the_stub(kata):
    holds(contract.check_examples(kata))


@by_kata
def test_every_kata_has_enough_mutants_and_alternatives(kata):
    holds(contract.check_mutant_count(kata))
    holds(contract.check_alternative_count(kata))


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.id for m in MUTANTS])
def test_each_mutant_is_caught_by_the_property_it_breaks_at_its_seed(mutant, warm_grader, tmp_path):
    # One seed per mutant, taking turns over 0-3 from one mutant to the next: every seed is exercised on every
    # run, within the suite's time budget; `grade dev check` grades each mutant at all four.
    seed = contract.SEEDS[MUTANTS.index(mutant) % len(contract.SEEDS)]
    holds(contract.check_mutant(mutant, warm_grader, tmp_path, seeds=(seed,)))


@pytest.mark.parametrize("alternative", ALTERNATIVES, ids=[a.id for a in ALTERNATIVES])
def test_correct_alternative_solutions_score_100(alternative, warm_grader, tmp_path):
    if alternative.missing:
        pytest.skip(f"{alternative.id} {alternative.missing}")
    holds(contract.check_alternative(alternative, warm_grader, tmp_path))
