"""Discovery, all on this machine: the watch list, saved searches, similar papers and the suggested order.

Pure core (no Textual). scikit-learn, SciPy and NumPy are imported only inside the functions that need them
(:mod:`readq.discovery.similar`, :mod:`readq.discovery.ranking`), never when readq starts.
"""
