"""Putting the guide in place: staging and swapping its files, the site, the PDF."""
