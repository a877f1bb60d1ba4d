"""The Gradio Blocks UI: components and their wiring only; the work is done by services/."""
