# samples/: the five seed press releases encoded as one dossier.
#
# samples_faithful: structure (spec keys, enums, references, dates) and
# faithfulness to the seeds (organizers, speakers, verbatim quotations,
# figures, outcomes, contacts, sources; narrative in its own words), then a
# self-test that breaks the samples in memory eleven ways and requires every
# breakage to be caught. Facts live in tests/samples/facts.py; the seeds are
# copied into tests/samples/seeds/ so the test needs nothing outside the repo.
add_test(NAME samples_faithful
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/samples/check_samples.py
          ${DOSSIER_SAMPLES} ${DOSSIER_TESTS_DIR}/samples/seeds --self-test)
set_tests_properties(samples_faithful PROPERTIES TIMEOUT 60
  PASS_REGULAR_EXPRESSION "samples OK: 5 events")

# The real CLI on the samples: `dossier check` must accept them with no
# diagnostic at all (not even a warning), and `dossier dump` must show the
# five events in chronological order with the expected dates, places,
# organizers, speakers, verbatim quotations, figures and registry.
add_test(NAME samples_cli_check
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/samples/cli_samples.py
          check ${DOSSIER_CLI} ${DOSSIER_SAMPLES})
add_test(NAME samples_cli_dump
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/samples/cli_samples.py
          dump ${DOSSIER_CLI} ${DOSSIER_SAMPLES})
set_tests_properties(samples_cli_check samples_cli_dump PROPERTIES TIMEOUT 60
  PASS_REGULAR_EXPRESSION "dossier (check|dump) samples OK")
