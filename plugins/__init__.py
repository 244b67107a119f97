"""群志 (Qunzhi): a Pelican hub for a Chinese community's memory.

Each sub-package is one feature: ``hub`` reads, validates and renders the content
types of the content contract; ``cli`` is the ``qunzhi`` command.
"""
