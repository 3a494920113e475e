"""Inter Ventures: an open platform for the internationalisation of SMEs in EU border regions."""

__version__ = "0.1.0"
