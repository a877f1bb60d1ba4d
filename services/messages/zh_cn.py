"""简体中文: 用阿里云百炼 (Model Studio) 控制台和文档的用语 (提示词, 反向提示词, 输出图像数量,
随机数种子, 水印, 提示词智能改写)。"""

MESSAGES: dict[str, str] = {
    "verbatim": "{text}",
    "list.pair": "{first}、{second}",
    "list.and": "{first}和{second}",
    "list.or": "{first}或{second}",
    "error.with_hint": "{message}{hint}",
    "error.with_request_id": "{text}（请求 ID：{request_id}）",
    "field.prompt": "提示词",
    "field.negative_prompt": "反向提示词",
    "field.n": "输出图像数量",
    "field.seed": "随机数种子",
    "field.size": "输出图像分辨率",
    "field.model": "模型",
    "field.images": "输入图像数量",
    "field.region": "地域",
    "field.prompt_extend": "提示词智能改写 (prompt_extend)",
    "field.watermark": "水印",
    "field.margin": "上下文边距",
    "field.feather": "接缝过渡宽度 (feather)",
    "field.other": "{name} 的值",
    "value.on": "开启",
    "value.off": "关闭",
    "term.instruction": "提示词",
    "term.negative_prompt": "反向提示词",
    "term.image": "图像",
    "term.format_file": "{format} 文件",
    "term.unreadable_link": "无法识别的链接",
    "label.image": "图像{index}",
    "label.the_image": "图像",
    "label.output": "输出图像{index}",
    "error.validation.empty": "{field}为空。",
    "error.validation.empty_allowed": "{field}为空。允许的值：{allowed}。",
    "error.validation.value": "{field}不能为 {value}。",
    "error.validation.value_allowed": "{field}不能为 {value}。允许的值：{allowed}。",
    "allowed.one_of": "{names} 之一",
    "allowed.images": "1 至 {max} 张图像",
    "allowed.text": "文本",
    "allowed.bool": "true 或 false",
    "allowed.n_range": "{model} 为 {low} 至 {high} 的整数",
    "allowed.n_exact": "{model} 只能为 {n}",
    "allowed.seed": "{low} 至 {high} 的整数，留空则使用随机数种子",
    "allowed.size_form": '"宽*高" 格式，宽和高为整数像素，例如 "1024*768"',
    "allowed.size_none": "{model} 不支持自定义分辨率",
    "allowed.size_single": "仅在输出 1 张图像时可自定义分辨率（当前 n 为 {n}）",
    "allowed.size_per_side": "宽和高均在 {low} 至 {high} 像素之间",
    "allowed.size_total": "总像素在 {low}×{low} 至 {high}×{high} 之间",
    "allowed.prompt_extend_off": "{model} 只能关闭",
    "hint.images.count": "请添加或移除图像。",
    "hint.prompt.empty": "请描述要做的编辑，例如“把天空改成日落”。",
    "hint.prompt_extend.off": "请关闭提示词智能改写。",
    "hint.size.auto": "请将分辨率设为“自动”。",
    "hint.size.single": "请将输出图像数量设为 1，或将分辨率设为“自动”。",
    "warning.text.cut_one": (
        "{what}有 {length} 个字符；服务最多读取 {limit} 个，因此末尾的 {count} 个字符"
        "（“{tail}”）已被截断。"
    ),
    "warning.text.cut_many": (
        "{what}有 {length} 个字符；服务最多读取 {limit} 个，因此从“{tail}”开始的末尾 "
        "{count} 个字符已被截断。"
    ),
    "warning.text.tokens": (
        "按本应用的估算，{what}约为 {tokens} 个 Token；该模型最多读取 {limit} 个 Token，"
        "超出部分将被截断。如果结尾内容重要，请缩短。"
    ),
    "warning.size.rounded": "服务会将分辨率取整为 {step} 的倍数：{size} 将变为 {rounded}。",
    "error.image.empty_source": "{label}为空：未提供文件或 URL。",
    "error.image.unprocessable": "无法处理{label} ({error})。",
    "error.image.folder": "{label} ({name}) 是文件夹，不是图像文件。",
    "error.image.not_regular": "{label} ({name}) 不是普通文件。",
    "error.image.not_found": "找不到{label} ({name})。",
    "error.image.permission": "无法读取{label} ({name})：权限不足。",
    "error.image.unreadable_file": "无法读取{label} ({name}) ({reason})。",
    "error.image.zero_bytes": "{label}为空（0 字节）。",
    "error.image.too_small": (
        "{label}只有 {width}×{height} 像素；服务要求每边至少 {min_side} px。"
    ),
    "error.image.extreme_shape": (
        "{label}为 {width}×{height} 像素；缩放到每边不超过 {max_side} px 后，短边将不足 "
        "{min_side} px。"
    ),
    "error.image.heic_missing": "{label}是 HEIC 图像，但未安装 HEIC 支持。",
    "error.image.unknown_format": "{label}不是可读取的图像文件；支持的格式为 {formats}。",
    "error.image.cannot_fit": "无法将{label}缩小到可以发送的大小。",
    "error.image.damaged": "{label}是已损坏或不完整的{what}。",
    "error.image.declares_pixels": "{label}声明为 {width}×{height} 像素；过大，无法安全打开。",
    "error.image.bomb": "{label}声明的像素数超出可安全打开的范围；过大，无法安全打开。",
    "error.image.memory": (
        "打开{label}所需的内存超出可用内存 ({width}×{height})；过大，无法安全打开。"
    ),
    "error.image.file_too_big": "{label}大小为 {size}；不接受超过 {limit} 的文件。",
    "hint.image.add": "请添加图像。",
    "hint.image.add_again": "请重新添加该图像。",
    "hint.image.resave": "请将其另存为 PNG 或 JPEG 后使用该文件。",
    "hint.image.choose_file": "请选择图像文件。",
    "hint.image.permission": "请检查文件权限，或上传一份副本。",
    "hint.image.incomplete": "请重新添加该图像；文件未完整保存或复制。",
    "hint.image.larger": "请使用更大的图像；{side}×{side} px 或以上效果最佳。",
    "hint.image.crop": "请将其裁剪为不那么极端的宽高比。",
    "hint.image.convert": "请先将其转换为 JPEG 或 PNG。",
    "hint.image.looks_like": "它看起来是{what}。",
    "hint.image.choose_format": "请选择上述格式之一的图像文件。",
    "hint.image.simpler": "请使用更小或更简单的图像。",
    "hint.image.damaged": "请重新保存或导出；如果上传中断，请重新添加。",
    "hint.image.megapixels": "请使用更小的图像：最多 {megapixels} 百万像素。",
    "hint.image.under": "请使用小于 {limit} 的图像。",
    "looks.avif": "AVIF 图像（不支持；请转换为 JPEG 或 PNG）",
    "looks.html": "网页 (HTML)（请保存图像本身，而不是网页）",
    "looks.svg": "SVG 矢量图（不支持；请导出为 PNG）",
    "looks.pdf": "PDF 文档（请将页面导出为 PNG 或 JPEG）",
    "looks.text": "文本文件",
    "warning.image.url_encoded": "{label}的 URL 含有需要百分号编码的字符；将以 {url} 发送",
    "warning.image.pages": "{label}有多页；只使用第一页。",
    "warning.image.images": "{label}包含多张图像；只使用第一张。",
    "warning.image.frames": "{label}是动图；只使用第一帧。",
    "warning.image.resized": (
        "{label}原为 {width}×{height} px；已缩放为 {new_width}×{new_height}，以符合服务每边 "
        "{max_side} px 的上限。"
    ),
    "warning.image.refit": "{label}{was}；为符合 {limit} 的上限，已{done}。",
    "warning.image.small": (
        "{label}为 {width}×{height} px；服务在每边 {min_side} px 以上时效果最佳，结果可能会模糊。"
    ),
    "part.was_size": "原为 {size}",
    "part.would_be": "以 {format} 编码将为 {size}",
    "part.jpeg_quality": "以质量 {quality} 重新编码为 JPEG",
    "part.jpeg": "重新编码为 JPEG",
    "part.quality": "以质量 {quality} 重新编码",
    "part.resized": "从 {width}×{height} 缩放为 {new_width}×{new_height}",
    "error.url.scheme": "{label}是 {scheme}: 地址；只接受上传的文件和 http(s) URL。",
    "error.url.not_link": (
        "{label}是既非 http(s) 链接也非 data:image URI 的文本；以文本提供的图像必须是二者之一。"
    ),
    "error.url.not_http": "{label}的地址不是 http(s) URL。",
    "error.url.no_host": "{label}的 URL 没有主机名：{url}",
    "error.url.bad_port": "{label}的 URL 端口无效：{port}",
    "error.url.bad_host": "{label}的 URL 主机名无效：{host}",
    "error.data_uri.not_base64": "{label}是未经 base64 编码的 data: URI。",
    "error.data_uri.too_large": "{label}是超过 {limit} 的 data: URI；太大了。",
    "error.data_uri.invalid": "{label}是 base64 数据无效的 data: URI。",
    "hint.url.give": "请提供图像的公开 http:// 或 https:// 地址，或上传文件。",
    "hint.url.only": "请上传图像文件，或提供公开的 http:// 或 https:// 地址。",
    "hint.data_uri.form": "请使用 data:image/<type>;base64,<data> 格式，或上传文件。",
    "hint.data_uri.smaller": "请使用小于 {limit}、每边不超过 {side} px 的图像文件。",
    "hint.data_uri.upload": "请改为上传图像文件。",
    "error.download.untrusted": ("服务返回了本应用不信任的输出图像链接 ({link})；未下载。"),
    "error.download.partial": "{total} 张输出图像中已保存 {saved} 张。{reason}",
    "error.download.slow": "下载输出图像耗时过长。",
    "error.download.unreachable": "无法连接存放输出图像的服务器。",
    "error.download.gone": (
        "输出图像 {link} 已不可用 (HTTP {status})；结果链接在编辑 24 小时后失效。"
    ),
    "error.download.http": "下载输出图像失败 (HTTP {status})。",
    "error.download.too_big": "输出图像超过允许的大小。",
    "error.download.cut": "输出图像下载中断。",
    "error.download.broke": "与存放输出图像的服务器的连接已断开。",
    "error.download.unreadable": "{label}不是可读取的图像。",
    "error.download.too_many_pixels": (
        "已拒绝{label}：它声明为 {width}×{height} 像素（{megapixels:.1f} 百万像素），超过输出图像"
        "合理的上限 {limit:.1f}。未对其解码。"
    ),
    "hint.download.trusted_hosts": (
        "输出图像只从 DashScope 的结果存储获取。如果使用自定义接入点，请将其结果主机加入 "
        "QWEN_EDIT_RESULT_HOSTS。"
    ),
    "hint.download.retry": "请稍后重试；结果链接的有效期为 24 小时。",
    "hint.download.report": "服务不应发送这样的图像；请重新编辑，如果再次发生请报告。",
    "error.spending.budget": (
        "本应用已达到服务的每日预算 ${budget:.2f}（已用 ${spent:.2f}；本次编辑最多需 "
        "${cost:.2f}）。"
    ),
    "error.spending.edits": "您已达到本应用密钥今天的上限：{limit} 次编辑。",
    "error.spending.images": "您已达到本应用密钥今天的上限：{limit} 张图像。",
    "error.spending.images_left": (
        "您已达到本应用密钥今天的上限：{limit} 张图像（今天还剩 {left} 张：请减少输出图像数量）。"
    ),
    "hint.spending.budget": (
        "预算于 00:00 UTC 重置。输出图像越少费用越低；也可以使用您自己的 DashScope 密钥运行本应用。"
    ),
    "hint.spending.limit": (
        "上限于 00:00 UTC 重置。如需现在继续编辑，请使用您自己的 DashScope API Key。"
    ),
    "spending.today": "今天：{parts}（00:00 UTC 重置）",
    "spending.edits": "编辑 {used}/{limit} 次",
    "spending.images": "图像 {used}/{limit} 张",
    "spending.budget": "本应用每日预算 ${budget:.2f} 中已用 ${spent:.2f}",
    "error.identity.refused": "此历史记录 ID 不是本应用签发的，或已被修改。",
    "hint.identity.refused": (
        "请原样使用 /edit 返回的 user_id；或留空以开始新的历史记录（返回结果中会包含其 ID）。"
    ),
    "error.cancelled.before_send": "编辑在发送前已停止。",
    "error.auth.key_shape": "API Key 含有换行、空格或其他 Key 中不会出现的字符。",
    "hint.auth.key_shape": "请从百炼控制台重新复制 Key，并作为一行粘贴。",
    "error.auth.missing": "未设置 DashScope API Key。",
    "hint.auth.missing": (
        "请将 Key 粘贴到 API Key 输入框，或在环境变量中设置 DASHSCOPE_API_KEY（在 Hugging Face "
        "Space 上：Settings → Secrets）。Key 按地域区分：请在所用地域的百炼控制台中创建。"
    ),
    "region.singapore.label": "新加坡（国际）",
    "region.beijing.label": "北京（中国内地）",
    "hint.region.singapore": "请在国际站百炼控制台（新加坡）创建 Key。",
    "hint.region.beijing": "请在中国内地百炼控制台（北京）创建 Key。",
    "model.rate_per_second": "每秒 {rate:g} 次请求",
    "model.rate_per_minute": "每分钟 {rate:g} 次请求",
    "model.qwen-image-edit-plus.note": (
        "最多 6 张输出图像，支持自定义分辨率和提示词智能改写。与 2025-10-30 快照相同。"
    ),
    "model.qwen-image-edit-plus-2025-12-15.note": "较新的 Plus 快照，规则与 Plus 相同。",
    "model.qwen-image-edit-plus-2025-10-30.note": "Plus 的固定快照：Plus 更新后结果依然稳定。",
    "model.max.note": "最强的编辑模型；每个账号每分钟仅 2 次请求。",
    "model.qwen-image-2.0.note": (
        "一个模型兼顾生成与编辑。分辨率按总像素设置；提示词最多 1,300 个 Token（本应用会估算并"
        "提醒；超出部分由服务截断）。"
    ),
    "model.qwen-image-2.0-pro.note": (
        "Qwen Image 2.0 的 Pro 版。分辨率按总像素设置；提示词最多 1,300 个 Token（本应用会估算并"
        "提醒；超出部分由服务截断）。"
    ),
    "model.qwen-image-edit.note": "每次请求输出 1 张图像；不支持自定义分辨率和提示词智能改写。",
    "unsure.size_with_outputs": (
        "文档未说明自定义分辨率能否与多张输出同时使用：与 Plus 一样，设置自定义分辨率时本应用只"
        "请求 1 张输出。"
    ),
    "unsure.rate": "其限流未公开：本应用假定为每秒 2 次请求。",
    "unsure.negative_limit": "反向提示词的长度上限未公开：本应用假定为 500 个字符。",
    "unsure.price_as_plus": "其价格未单独公布：本应用假定与 Plus 相同。",
    # 页面本身的文字 (ui/)。"ui." 开头的键通过 gr.I18n 交给浏览器查找。
    "ui.demo.badge": "演示模式 · 模拟结果，不计费",
    "ui.demo.title": (
        "结果来自内置的 DashScope 模拟器，并非真实编辑（每张都标有 EMULATED）。所有功能均可使用，"
        "无需 API Key，也不会计费。"
    ),
    "ui.counter.tokens": "个 Token（估算）",
    "ui.counter.over": "超出上限：多余部分将被截断",
    "ui.tab.editor": "编辑器",
    "ui.tab.history": "历史记录",
    "ui.tab.help": "帮助",
    "ui.image.1": "图像 1",
    "ui.image.2": "图像 2",
    "ui.image.3": "图像 3",
    "ui.swap_12": "⇄ 交换 1 和 2",
    "ui.swap_23": "⇄ 交换 2 和 3",
    "ui.clear": "✕ 全部清除",
    "ui.examples": "示例：点击即可载入",
    "ui.prompt.label": "提示词",
    "ui.prompt.placeholder": "说明哪张图像是什么，例如“让图像 1 中的女孩穿上图像 2 中的裙子”",
    "ui.negative.label": "反向提示词（不希望出现的内容）",
    "ui.negative.placeholder": "例如：模糊、多余的手指、文字乱码",
    "ui.run": "编辑",
    "ui.running": "编辑中…",
    "ui.stop": "■ 停止",
    "ui.model.label": "模型",
    "ui.n.label": "输出图像数量",
    "ui.settings": "更多设置",
    "ui.size.label": "输出图像分辨率",
    "ui.size.auto": "自动（沿用末张图比例，约 1 MP）",
    "ui.size.custom": "自定义",
    "ui.size.square": "1024×1024 正方形",
    "ui.size.portrait_3_4": "768×1024 竖版 3:4",
    "ui.size.landscape_4_3": "1024×768 横版 4:3",
    "ui.size.portrait_9_16": "720×1280 竖版 9:16",
    "ui.size.landscape_16_9": "1280×720 横版 16:9",
    "ui.width": "宽度",
    "ui.height": "高度",
    "ui.randomize": "随机种子",
    "ui.seed.label": "随机数种子",
    "ui.seed.placeholder": "随机",
    "ui.seed.info": "0–2147483647；相同的种子生成相近的结果",
    "ui.prompt_extend.label": "提示词智能改写 (prompt_extend)",
    "ui.watermark.label": "水印",
    "ui.watermark.info": "在右下角添加“Qwen-Image”水印",
    "ui.region.label": "地域",
    "ui.region.fixed": "由本部署固定：只连接一个接入点",
    "ui.region.fixed_demo": "由本部署固定：只连接一个接入点（演示模式下为内置模拟器）",
    "ui.region.singapore": "新加坡（国际）",
    "ui.region.beijing": "北京（中国内地）",
    "ui.region.keys": "API Key 按地域区分：新加坡的 Key 在北京无法使用。",
    "ui.key.box": "API Key",
    "ui.key.label": "DashScope API Key",
    "ui.key.info": "仅随您的请求发送；服务器从不记录或保存。",
    "ui.remember.label": "在此浏览器中记住",
    "ui.remember.info": (
        "保存在此浏览器的本地存储中，使用此浏览器配置文件的任何人都能读取。请仅在自己的设备上勾选。"
    ),
    "ui.results": "结果",
    "ui.status.empty": (
        "结果将显示在这里。点击某个结果，可与输入对比、下载、用作下一步的输入，或复用其随机数种子。"
    ),
    "ui.use_as.1": "↩ 用作图像 1",
    "ui.use_as.2": "↩ 用作图像 2",
    "ui.use_as.3": "↩ 用作图像 3",
    "ui.reuse_seed": "♻ 复用种子",
    "ui.compare": "前后对比（最后的输入与所选输出）",
    "ui.view.result": "结果",
    "ui.view.raw": "原始输出",
    "ui.view.changed": "变化之处",
    "ui.region_edit.box": "仅编辑局部区域（在图像 1 上涂抹）",
    "ui.region_edit.hint": (
        "在图像 1 上涂抹要修改的部分。只发送该部分（连同部分周边内容）；输出以图像 1 的原始分辨率"
        "返回，其余像素保持不变。不涂抹则编辑整张图像。"
    ),
    "ui.region_edit.editor": "要编辑的区域",
    "ui.region_edit.margin": "上下文边距",
    "ui.region_edit.margin_info": "随区域一起发送的周边范围，按区域大小的比例计算",
    "ui.region_edit.feather": "接缝过渡宽度（像素）",
    "ui.region_edit.feather_info": "0：自动（裁剪区域的 2%）",
    "ui.translate.to_en": "翻译成英文",
    "ui.translate.to_zh": "翻译成中文",
    "ui.translate.label": "译文（请检查，必要时修改）",
    "ui.translate.use": "使用此译文",
    "ui.translate.keep": "保留原文",
    # 服务器以读者的语言写到页面上的文字
    "toast.nothing_to_edit": "没有可编辑的图像",
    "toast.add_image": "请至少添加一张要编辑的图像。",
    "toast.image_problem": "图像有问题",
    "toast.check_settings": "请检查设置",
    "toast.key_needed": "需要 API Key",
    "toast.key_refused": "API Key 被拒绝",
    "toast.daily_limit": "已达到每日上限",
    "toast.edit_failed": "编辑失败",
    "toast.unexpected": "意外错误",
    "toast.unexpected_text": "应用内部出现问题。错误已记录，请重试。",
    "toast.nothing_to_translate": "没有可翻译的内容",
    "toast.translation_failed": "翻译失败",
    "toast.no_result": "还没有可用作输入的结果。",
    "toast.used_as": "输出 {output} 现在是图像 {slot}。",
    "toast.no_seed": "请先运行一次编辑，之后即可复用其随机数种子。",
    "toast.seed_set": "随机数种子 {seed} 已填入“更多设置”，随机种子已关闭。",
    "status.done": "用时 {seconds:.1f} 秒完成",
    "status.seed": "随机数种子 {seed}",
    "status.cost": "费用 ≈ {cost}",
    "status.region": "区域已拼接回 {size} 的完整图像",
    "status.saved": "已保存到历史记录",
    "status.request": "请求 {request_id}",
    "status.note": "注意：",
    "status.stopped": "已停止。",
    "status.stopped_detail": (
        "如果编辑已经发送，服务可能仍会完成它（并计费），其输出随后会出现在历史记录中。如果"
        "还在等待发送，则什么都没有发送。"
    ),
    # 控件旁显示的模型规则 (ui/choices.py)
    "choice.size.none": "{model} 不支持自定义分辨率",
    "choice.size.single": "自定义分辨率仅在输出 1 张时可用：请将输出图像数量设为 1",
    "choice.size.rule": "{rule}；取整为 {step} 的倍数",
    "choice.n.range": "每次请求 1–{max} 张",
    "choice.n.one": "{model} 每次请求生成 1 张",
    "choice.prompt_extend.on": "由大模型改写提示词，补充细节",
    "choice.prompt_extend.none": "{model} 不支持提示词改写",
    "choice.price.none": "价格未公布",
    "choice.price": "{region}：每张图像 {price}",
    "choice.rate": "每个账号最多{rate}",
    "choice.unsure": "尚不确定：{text}",
    # 提示词下方的翻译提示 (ui/translate_panel.py)
    "lang.en": "英文",
    "lang.zh": "中文",
    "lang.ja": "日文",
    "lang.ko": "韩文",
    "lang.fr": "法文",
    "lang.es": "西班牙文",
    "lang.de": "德文",
    "lang.it": "意大利文",
    "lang.pt": "葡萄牙文",
    "lang.vi": "越南文",
    "lang.ru": "俄文（或其他西里尔字母语言）",
    "lang.ar": "阿拉伯文（或其他阿拉伯字母语言）",
    "lang.he": "希伯来文",
    "lang.el": "希腊文",
    "lang.th": "泰文",
    "lang.hi": "印地文（或其他天城文语言）",
    "lang.bn": "孟加拉文",
    "lang.ta": "泰米尔文",
    "lang.hy": "亚美尼亚文",
    "lang.ka": "格鲁吉亚文",
    "lang.km": "高棉文",
    "lang.lo": "老挝文",
    "lang.my": "缅甸文",
    "translate.looks": "提示词似乎是{language}",
    "translate.looks_other": "提示词似乎不是中文或英文",
    "translate.why": (
        "。模型对中文和英文的理解最好。Qwen-MT 可以用同一个 API Key 翻译（费用不到 1 美分），"
        "使用前您可以先检查译文。"
    ),
    "translate.demo": (
        "演示模式：内置模拟器返回的是替代文本，并非真实译文，也没有计费；真实翻译的费用大致如此。"
    ),
    "toast.nothing_to_use": "没有可用的译文",
    "toast.empty_translation": "译文为空：请输入译文，或点击“保留原文”。",
    "toast.translation_used": "提示词已替换为译文；请检查后点击“编辑”。",
    "toast.instruction_kept": "提示词保持您写的原样。",
    "toast.no_translator": "此部署不提供翻译功能。",
}
