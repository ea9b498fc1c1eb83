"""Settings package: ``base`` holds what every environment shares; ``dev``, ``test``
and ``prod`` each add what only they need."""
