"""How a run is carried out: the one declaration of its steps (:mod:`.definitions`), the
engine that executes it (:mod:`.engine`), the steps themselves (:mod:`.steps`), and the
in-process runner (:mod:`.local`). The Prefect runner lives in ``flows/``."""
