"""The interactive explorer: a Textual app over the :mod:`timeline` model."""
