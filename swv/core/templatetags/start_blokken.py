"""`{% start_blok blok %}`: render a start-page block an app registered (swv/core/plugins.py)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def start_blok(context, blok):
    """Like {% include %}: the block's template sees the page's context plus its own variables."""
    block_template = context.template.engine.get_template(blok["template"])
    with context.push(**blok["context"]):
        return block_template.render(context)
