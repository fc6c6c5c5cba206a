# Shortcuts over dev.py (which needs only Python 3).
.PHONY: demo test clean
demo:
	python3 dev.py demo
test:
	python3 dev.py test
clean:
	rm -rf .venv out .pytest_cache
