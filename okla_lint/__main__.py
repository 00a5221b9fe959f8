from .cli import main

if __name__ == "__main__":  # worker processes (core/workers.py) import it again
    main()
