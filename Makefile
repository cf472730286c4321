# Kerja Sama Desa: the two commands of the README, and a few helpers.
.PHONY: run test lint format pg-stop help

help:
	@echo "make run      serve Kerja Sama Desa on http://127.0.0.1:8069 (admin / admin)"
	@echo "make test     all Odoo tests + pytest tests/ + lint; last line 'N passed, N failed'"
	@echo "make lint     ruff, ruff format --check, pylint-odoo (needs the virtualenv of make test)"
	@echo "make format   ruff --fix and ruff format on addons/, scripts/, tests/"
	@echo "make pg-stop  stop the project-local PostgreSQL cluster (.local/pgdata)"

run:
	@scripts/run.sh

test:
	@scripts/test.sh

lint:
	@scripts/lint.sh

format:
	@scripts/lint.sh --fix

pg-stop:
	@bash -c 'source scripts/lib.sh && kd_pg_stop'
