"""Plain-Python services behind the editor: no gradio import anywhere below this package."""
