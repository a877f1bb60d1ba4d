"""日本語: Model Studio の日本語版 API リファレンスの用語で (プロンプト, ネガティブプロンプト,
出力画像数, シード, ウォーターマーク, プロンプトの書き換え)。"""

MESSAGES: dict[str, str] = {
    "verbatim": "{text}",
    "list.pair": "{first}、{second}",
    "list.and": "{first}、{second}",
    "list.or": "{first} または {second}",
    "error.with_hint": "{message}{hint}",
    "error.with_request_id": "{text}(リクエスト ID: {request_id})",
    "field.prompt": "プロンプト",
    "field.negative_prompt": "ネガティブプロンプト",
    "field.n": "出力画像数",
    "field.seed": "シード",
    "field.size": "出力画像の解像度",
    "field.model": "モデル",
    "field.images": "入力画像の枚数",
    "field.region": "リージョン",
    "field.prompt_extend": "プロンプトの書き換え (prompt_extend)",
    "field.watermark": "ウォーターマーク",
    "field.margin": "周囲の余白",
    "field.feather": "境界のぼかし幅 (feather)",
    "field.other": "{name} の値",
    "value.on": "オン",
    "value.off": "オフ",
    "term.instruction": "プロンプト",
    "term.negative_prompt": "ネガティブプロンプト",
    "term.image": "画像",
    "term.format_file": "{format} ファイル",
    "term.unreadable_link": "読み取れないリンク",
    "label.image": "画像 {index}",
    "label.the_image": "画像",
    "label.output": "出力画像 {index}",
    "error.validation.empty": "{field}が空です。",
    "error.validation.empty_allowed": "{field}が空です。指定できる値: {allowed}。",
    "error.validation.value": "{field}に {value} は指定できません。",
    "error.validation.value_allowed": (
        "{field}に {value} は指定できません。指定できる値: {allowed}。"
    ),
    "allowed.one_of": "{names} のいずれか",
    "allowed.images": "1〜{max} 枚の画像",
    "allowed.text": "テキスト",
    "allowed.bool": "true または false",
    "allowed.n_range": "{model} では {low}〜{high} の整数",
    "allowed.n_exact": "{model} では {n} のみ",
    "allowed.seed": "{low}〜{high} の整数 (空欄にするとランダムなシード)",
    "allowed.size_form": '"幅*高さ" の形式 (ピクセル単位の整数、例: "1024*768")',
    "allowed.size_none": "{model} では解像度を指定できません",
    "allowed.size_single": "解像度の指定は出力画像数が 1 の場合のみ (現在は {n})",
    "allowed.size_per_side": "幅と高さがそれぞれ {low}〜{high} ピクセル",
    "allowed.size_total": "総ピクセル数が {low}×{low} 〜 {high}×{high}",
    "allowed.prompt_extend_off": "{model} ではオフのみ",
    "hint.images.count": "画像を追加または削除してください。",
    "hint.prompt.empty": "編集内容を記述してください。例: 「空を夕焼けにする」。",
    "hint.prompt_extend.off": "プロンプトの書き換えをオフにしてください。",
    "hint.size.auto": "解像度を「自動」にしてください。",
    "hint.size.single": "出力画像数を 1 にするか、解像度を「自動」にしてください。",
    "warning.text.cut_one": (
        "{what}は {length} 文字ありました。サービスが読み取るのは最大 {limit} 文字のため、"
        "末尾の {count} 文字 (「{tail}」) は切り捨てられました。"
    ),
    "warning.text.cut_many": (
        "{what}は {length} 文字ありました。サービスが読み取るのは最大 {limit} 文字のため、"
        "「{tail}」から始まる末尾の {count} 文字は切り捨てられました。"
    ),
    "warning.text.tokens": (
        "{what}はアプリの推定で約 {tokens} トークンです。このモデルが読み取るのは最大 "
        "{limit} トークンで、それを超える部分は切り捨てられます。"
        "末尾が重要な場合は短くしてください。"
    ),
    "warning.size.rounded": (
        "サービスは解像度を {step} の倍数に丸めます: {size} は {rounded} になります。"
    ),
    "error.image.empty_source": "{label}が空です: ファイルも URL も指定されていません。",
    "error.image.unprocessable": "{label}を処理できませんでした ({error})。",
    "error.image.folder": "{label} ({name}) はフォルダーです。画像ファイルではありません。",
    "error.image.not_regular": "{label} ({name}) は通常のファイルではありません。",
    "error.image.not_found": "{label} ({name}) が見つかりませんでした。",
    "error.image.permission": "{label} ({name}) を読み取れませんでした: アクセス権がありません。",
    "error.image.unreadable_file": "{label} ({name}) を読み取れませんでした ({reason})。",
    "error.image.zero_bytes": "{label}が空です (0 バイト)。",
    "error.image.too_small": (
        "{label}は {width}×{height} ピクセルしかありません。サービスには 1 辺あたり {min_side} px "
        "以上が必要です。"
    ),
    "error.image.extreme_shape": (
        "{label}は {width}×{height} ピクセルです。1 辺 {max_side} px に収まるよう縮小すると、"
        "短い辺が {min_side} px 未満になります。"
    ),
    "error.image.heic_missing": (
        "{label}は HEIC 画像ですが、HEIC のサポートがインストールされていません。"
    ),
    "error.image.unknown_format": (
        "{label}は読み取れる画像ファイルではありません。対応形式は {formats} です。"
    ),
    "error.image.cannot_fit": "{label}を送信できるサイズまで小さくできません。",
    "error.image.damaged": "{label}は破損しているか不完全な{what}です。",
    "error.image.declares_pixels": (
        "{label}は {width}×{height} ピクセルと宣言されています。大きすぎて安全に開けません。"
    ),
    "error.image.bomb": (
        "{label}は安全に開ける範囲を超えるピクセル数を宣言しています。大きすぎて安全に開けません。"
    ),
    "error.image.memory": (
        "{label}を開くにはメモリーが足りません ({width}×{height})。大きすぎて安全に開けません。"
    ),
    "error.image.file_too_big": "{label}は {size} です。{limit} を超えるファイルは受け付けません。",
    "hint.image.add": "画像を追加してください。",
    "hint.image.add_again": "画像をもう一度追加してください。",
    "hint.image.resave": "PNG または JPEG で保存し直し、そのファイルを使ってください。",
    "hint.image.choose_file": "画像ファイルを選んでください。",
    "hint.image.permission": "ファイルのアクセス権を確認するか、コピーをアップロードしてください。",
    "hint.image.incomplete": (
        "画像をもう一度追加してください。ファイルが完全に保存またはコピーされていません。"
    ),
    "hint.image.larger": "もっと大きな画像を使ってください。{side}×{side} px 以上が最適です。",
    "hint.image.crop": "極端でない縦横比にトリミングしてください。",
    "hint.image.convert": "先に JPEG または PNG に変換してください。",
    "hint.image.looks_like": "{what}のようです。",
    "hint.image.choose_format": "これらの形式の画像ファイルを選んでください。",
    "hint.image.simpler": "もっと小さいか、単純な画像を使ってください。",
    "hint.image.damaged": (
        "保存またはエクスポートし直すか、アップロードが中断された場合はもう一度追加してください。"
    ),
    "hint.image.megapixels": (
        "もっと小さな画像を使ってください: 最大 {megapixels} メガピクセルです。"
    ),
    "hint.image.under": "{limit} 未満の画像を使ってください。",
    "looks.avif": "AVIF 画像 (対応していません。JPEG または PNG に変換してください)",
    "looks.html": "ウェブページ (HTML) (ページではなく画像そのものを保存してください)",
    "looks.svg": "SVG 図形 (対応していません。PNG としてエクスポートしてください)",
    "looks.pdf": "PDF 文書 (ページを PNG または JPEG としてエクスポートしてください)",
    "looks.text": "テキストファイル",
    "warning.image.url_encoded": (
        "{label}の URL にはパーセントエンコードが必要な文字が含まれていたため、{url} として"
        "送信します"
    ),
    "warning.image.pages": "{label}には複数のページがあります。最初のページのみを使用します。",
    "warning.image.images": "{label}には複数の画像が含まれています。最初の画像のみを使用します。",
    "warning.image.frames": "{label}はアニメーションです。最初のフレームのみを使用します。",
    "warning.image.resized": (
        "{label}は {width}×{height} px でした。サービスの上限 (1 辺 {max_side} px) に収まるよう "
        "{new_width}×{new_height} に縮小しました。"
    ),
    "warning.image.refit": "{label}は{was}。{limit} の上限に収めるため、{done}しました。",
    "warning.image.small": (
        "{label}は {width}×{height} px です。サービスは 1 辺 {min_side} px 以上で最もよく機能する"
        "ため、結果がぼやける可能性があります。"
    ),
    "part.was_size": "{size} でした",
    "part.would_be": "{format} では {size} になります",
    "part.jpeg_quality": "JPEG (品質 {quality}) で再エンコード",
    "part.jpeg": "JPEG で再エンコード",
    "part.quality": "品質 {quality} で再エンコード",
    "part.resized": "{width}×{height} から {new_width}×{new_height} に縮小",
    "error.url.scheme": (
        "{label}は {scheme}: のアドレスです。アップロードされたファイルと http(s) の URL のみ"
        "受け付けます。"
    ),
    "error.url.not_link": (
        "{label}は http(s) のリンクでも data:image URI でもないテキストです。テキストで"
        "指定する画像はそのどちらかである必要があります。"
    ),
    "error.url.not_http": "{label}のアドレスは http(s) の URL ではありません。",
    "error.url.no_host": "{label}の URL にホスト名がありません: {url}",
    "error.url.bad_port": "{label}の URL のポートが無効です: {port}",
    "error.url.bad_host": "{label}の URL のホスト名が無効です: {host}",
    "error.data_uri.not_base64": "{label}は base64 エンコードされていない data: URI です。",
    "error.data_uri.too_large": "{label}は {limit} を超える data: URI です。大きすぎます。",
    "error.data_uri.invalid": "{label}は base64 データが無効な data: URI です。",
    "hint.url.give": (
        "画像の公開 http:// または https:// アドレスを指定するか、"
        "ファイルをアップロードしてください。"
    ),
    "hint.url.only": (
        "画像ファイルをアップロードするか、公開 http:// または https:// "
        "アドレスを指定してください。"
    ),
    "hint.data_uri.form": (
        "data:image/<type>;base64,<data> の形式を使うか、ファイルをアップロードしてください。"
    ),
    "hint.data_uri.smaller": "{limit} 未満、1 辺 {side} px 以下の画像ファイルを使ってください。",
    "hint.data_uri.upload": "代わりに画像ファイルをアップロードしてください。",
    "error.download.untrusted": (
        "サービスが、このアプリが信頼していない出力リンク ({link}) を返しました。"
        "ダウンロードしていません。"
    ),
    "error.download.partial": "{total} 枚の出力画像のうち {saved} 枚を保存しました。{reason}",
    "error.download.slow": "出力画像のダウンロードに時間がかかりすぎました。",
    "error.download.unreachable": "出力画像を保管しているサーバーに接続できませんでした。",
    "error.download.gone": (
        "出力画像 {link} はもう利用できません (HTTP {status})。結果のリンクは編集から 24 時間で"
        "失効します。"
    ),
    "error.download.http": "出力画像のダウンロードに失敗しました (HTTP {status})。",
    "error.download.too_big": "出力画像が許容サイズを超えています。",
    "error.download.cut": "出力画像のダウンロードが途中で切れました。",
    "error.download.broke": "出力画像を保管しているサーバーとの接続が切れました。",
    "error.download.unreadable": "{label}は読み取れる画像ではありませんでした。",
    "error.download.too_many_pixels": (
        "{label}を拒否しました: {width}×{height} ピクセル ({megapixels:.1f} メガピクセル) と"
        "宣言されており、出力画像としてありうる {limit:.1f} を超えています。"
        "デコードはしていません。"
    ),
    "hint.download.trusted_hosts": (
        "出力画像は DashScope の結果ストレージからのみ取得します。カスタムエンドポイントを"
        "使う場合は、その結果ホストを QWEN_EDIT_RESULT_HOSTS に追加してください。"
    ),
    "hint.download.retry": (
        "しばらくしてからもう一度お試しください。結果のリンクは 24 時間有効です。"
    ),
    "hint.download.report": (
        "サービスがこのような画像を送ることはないはずです。もう一度編集を実行し、再発する場合は"
        "報告してください。"
    ),
    "error.spending.budget": (
        "このアプリはサービスの 1 日の予算 ${budget:.2f} に達しました (使用済み ${spent:.2f}、"
        "この編集は最大 ${cost:.2f} かかります)。"
    ),
    "error.spending.edits": "このアプリのキーでの本日の上限 ({limit} 回の編集) に達しました。",
    "error.spending.images": "このアプリのキーでの本日の上限 ({limit} 枚の画像) に達しました。",
    "error.spending.images_left": (
        "このアプリのキーでの本日の上限 ({limit} 枚の画像) に達しました (本日の残りは {left} 枚: "
        "出力画像数を減らしてください)。"
    ),
    "hint.spending.budget": (
        "予算は 00:00 UTC にリセットされます。出力画像数を減らすと費用が下がります。または、"
        "ご自身の DashScope キーでアプリを実行してください。"
    ),
    "hint.spending.limit": (
        "上限は 00:00 UTC にリセットされます。今すぐさらに編集するには、ご自身の DashScope "
        "API キーを使ってください。"
    ),
    "spending.today": "本日: {parts} (00:00 UTC にリセット)",
    "spending.edits": "編集 {used}/{limit} 回",
    "spending.images": "画像 {used}/{limit} 枚",
    "spending.budget": "このアプリの 1 日の予算 ${budget:.2f} のうち ${spent:.2f}",
    "error.identity.refused": (
        "この履歴 ID はこのアプリが発行したものではないか、変更されています。"
    ),
    "hint.identity.refused": (
        "/edit の応答で返された user_id をそのまま使うか、空欄にして新しい履歴を始めてください "
        "(その場合、応答で ID が返されます)。"
    ),
    "error.cancelled.before_send": "編集は送信前に中止されました。",
    "error.auth.key_shape": (
        "API キーに改行、スペース、またはキーに含まれることのない文字が含まれています。"
    ),
    "hint.auth.key_shape": (
        "Model Studio コンソールからキーをもう一度コピーし、1 行で貼り付けてください。"
    ),
    "error.auth.missing": "DashScope の API キーが設定されていません。",
    "hint.auth.missing": (
        "API キー欄にキーを貼り付けるか、環境変数 DASHSCOPE_API_KEY を設定してください "
        "(Hugging Face Space では Settings → Secrets)。キーはリージョンごとに異なります: "
        "使用するリージョンの Model Studio コンソールで作成してください。"
    ),
    "region.singapore.label": "シンガポール (国際)",
    "region.beijing.label": "北京 (中国本土)",
    "hint.region.singapore": (
        "国際版 Model Studio コンソール (シンガポール) でキーを作成してください。"
    ),
    "hint.region.beijing": "中国本土版 Model Studio コンソール (北京) でキーを作成してください。",
    "model.rate_per_second": "毎秒 {rate:g} リクエスト",
    "model.rate_per_minute": "毎分 {rate:g} リクエスト",
    "model.qwen-image-edit-plus.note": (
        "最大 6 枚の出力、解像度の指定、プロンプトの書き換えに対応。2025-10-30 スナップショットと"
        "同じです。"
    ),
    "model.qwen-image-edit-plus-2025-12-15.note": (
        "Plus と同じルールの新しい Plus スナップショット。"
    ),
    "model.qwen-image-edit-plus-2025-10-30.note": (
        "Plus の固定スナップショット: Plus が更新されても結果が安定します。"
    ),
    "model.max.note": "最も高性能な編集モデル。アカウントあたり毎分 2 リクエストまで。",
    "model.qwen-image-2.0.note": (
        "生成と編集を 1 つのモデルで。解像度は総ピクセル数で指定します。プロンプトは "
        "1,300 トークンまで (アプリが推定して警告し、超えた部分はサービスが切り捨てます)。"
    ),
    "model.qwen-image-2.0-pro.note": (
        "Qwen Image 2.0 の Pro 版。解像度は総ピクセル数で指定します。プロンプトは "
        "1,300 トークンまで (アプリが推定して警告し、超えた部分はサービスが切り捨てます)。"
    ),
    "model.qwen-image-edit.note": (
        "1 リクエストにつき出力は 1 枚。解像度の指定とプロンプトの書き換えには対応していません。"
    ),
    "unsure.size_with_outputs": (
        "解像度の指定が複数の出力で使えるかは記載がありません: Plus と同様、解像度を指定する"
        "場合は出力を 1 枚にします。"
    ),
    "unsure.rate": "レート制限は公開されていません: アプリは毎秒 2 リクエストと想定しています。",
    "unsure.negative_limit": (
        "ネガティブプロンプトの上限は公開されていません: アプリは 500 文字と想定しています。"
    ),
    "unsure.price_as_plus": (
        "料金は個別に公開されていません: アプリは Plus と同じ料金と想定しています。"
    ),
    # ページそのものの言葉 (ui/)。"ui." のキーは gr.I18n でブラウザーに渡されます。
    "ui.demo.badge": "デモモード · エミュレートされた結果、課金なし",
    "ui.demo.title": (
        "結果は内蔵の DashScope エミュレーターによるもので、実際の編集ではありません (それぞれに"
        " EMULATED と表示されます)。すべての機能が使え、API キーは不要で、課金もされません。"
    ),
    "ui.counter.tokens": "トークン (推定)",
    "ui.counter.over": "上限超過: 超えた部分は切り捨てられます",
    "ui.tab.editor": "エディター",
    "ui.tab.history": "履歴",
    "ui.tab.help": "ヘルプ",
    "ui.image.1": "画像 1",
    "ui.image.2": "画像 2",
    "ui.image.3": "画像 3",
    "ui.swap_12": "⇄ 1-2 を交換",
    "ui.swap_23": "⇄ 2-3 を交換",
    "ui.clear": "✕ すべてクリア",
    "ui.examples": "例: クリックすると読み込みます",
    "ui.prompt.label": "プロンプト",
    "ui.prompt.placeholder": (
        "どの画像が何かを書いてください。例:「画像 1 の女の子に画像 2 のドレスを着せる」"
    ),
    "ui.negative.label": "ネガティブプロンプト (避けたいもの)",
    "ui.negative.placeholder": "例: ぼやけ、余分な指、文字の乱れ",
    "ui.run": "編集",
    "ui.running": "編集中…",
    "ui.stop": "■ 停止",
    "ui.model.label": "モデル",
    "ui.n.label": "出力画像数",
    "ui.settings": "詳細設定",
    "ui.size.label": "出力画像の解像度",
    "ui.size.auto": "自動 (最後の画像の比率、約 1 MP)",
    "ui.size.custom": "カスタム",
    "ui.size.square": "1024×1024 正方形",
    "ui.size.portrait_3_4": "768×1024 縦長 3:4",
    "ui.size.landscape_4_3": "1024×768 横長 4:3",
    "ui.size.portrait_9_16": "720×1280 縦長 9:16",
    "ui.size.landscape_16_9": "1280×720 横長 16:9",
    "ui.width": "幅",
    "ui.height": "高さ",
    "ui.randomize": "ランダム",
    "ui.seed.label": "シード",
    "ui.seed.placeholder": "ランダム",
    "ui.seed.info": "0〜2147483647。同じシードなら似た結果になります",
    "ui.prompt_extend.label": "プロンプトの書き換え (prompt_extend)",
    "ui.watermark.label": "ウォーターマーク",
    "ui.watermark.info": "右下に「Qwen-Image」のウォーターマークを追加します",
    "ui.region.label": "リージョン",
    "ui.region.fixed": "このデプロイでは固定です: 1 つのエンドポイントに接続します",
    "ui.region.fixed_demo": (
        "このデプロイでは固定です: 1 つのエンドポイント (デモモードでは内蔵エミュレーター) に"
        "接続します"
    ),
    "ui.region.singapore": "シンガポール (国際)",
    "ui.region.beijing": "北京 (中国本土)",
    "ui.region.keys": "API キーはリージョンごとです: シンガポールのキーは北京では使えません。",
    "ui.key.box": "API キー",
    "ui.key.label": "DashScope API キー",
    "ui.key.info": (
        "リクエストと一緒に送信されるだけで、サーバーに記録・保存されることはありません。"
    ),
    "ui.remember.label": "このブラウザーに記憶する",
    "ui.remember.info": (
        "このブラウザーのローカルストレージに保存され、このブラウザーのプロファイルを使う人は"
        "誰でも読めます。自分のデバイスでのみチェックしてください。"
    ),
    "ui.results": "結果",
    "ui.status.empty": (
        "ここに結果が表示されます。結果をクリックすると、入力との比較、ダウンロード、次のステップ"
        "の入力としての利用、シードの再利用ができます。"
    ),
    "ui.use_as.1": "↩ 画像 1 として使う",
    "ui.use_as.2": "↩ 画像 2 として使う",
    "ui.use_as.3": "↩ 画像 3 として使う",
    "ui.reuse_seed": "♻ シードを再利用",
    "ui.compare": "ビフォー / アフター (最後の入力と選択した出力)",
    "ui.view.result": "結果",
    "ui.view.raw": "生の出力",
    "ui.view.changed": "変更箇所",
    "ui.region_edit.box": "一部の領域だけを編集 (画像 1 に描く)",
    "ui.region_edit.hint": (
        "画像 1 の変更したい部分を塗ってください。その部分 (と周囲の一部) だけが送信され、"
        "出力は画像 1 の元の解像度で、他のピクセルはそのままで返ります。塗らなければ画像全体を"
        "編集します。"
    ),
    "ui.region_edit.editor": "編集する領域",
    "ui.region_edit.margin": "周囲の余白",
    "ui.region_edit.margin_info": "領域と一緒に送る周囲の範囲 (領域の大きさに対する割合)",
    "ui.region_edit.feather": "境界のぼかし幅 (px)",
    "ui.region_edit.feather_info": "0: 自動 (切り抜きの 2 %)",
    "ui.translate.to_en": "英語に翻訳",
    "ui.translate.to_zh": "中国語に翻訳",
    "ui.translate.label": "翻訳 (確認し、必要なら修正してください)",
    "ui.translate.use": "この翻訳を使う",
    "ui.translate.keep": "元のままにする",
    # サーバーが読み手の言語でページに出す言葉
    "toast.nothing_to_edit": "編集する画像がありません",
    "toast.add_image": "編集する画像を 1 枚以上追加してください。",
    "toast.image_problem": "画像の問題",
    "toast.check_settings": "設定を確認してください",
    "toast.key_needed": "API キーが必要です",
    "toast.key_refused": "API キーが拒否されました",
    "toast.daily_limit": "1 日の上限に達しました",
    "toast.edit_failed": "編集に失敗しました",
    "toast.unexpected": "予期しないエラー",
    "toast.unexpected_text": (
        "アプリ内部で問題が発生しました。エラーは記録されました。もう一度お試しください。"
    ),
    "toast.nothing_to_translate": "翻訳するものがありません",
    "toast.translation_failed": "翻訳に失敗しました",
    "toast.no_result": "入力として使える結果はまだありません。",
    "toast.used_as": "出力 {output} が画像 {slot} になりました。",
    "toast.no_seed": "先に編集を実行してください。そのシードを再利用できます。",
    "toast.seed_set": "シード {seed} を詳細設定に入れました。ランダムなシードはオフです。",
    "status.done": "{seconds:.1f} 秒で完了",
    "status.seed": "シード {seed}",
    "status.cost": "料金 ≈ {cost}",
    "status.region": "領域を {size} の元画像に合成しました",
    "status.saved": "履歴に保存しました",
    "status.request": "リクエスト {request_id}",
    "status.note": "注意:",
    "status.stopped": "停止しました。",
    "status.stopped_detail": (
        "編集がすでに送信されていた場合、サービスが処理を終えて課金されることがあります。その"
        "出力は履歴に表示されます。送信待ちだった場合は、何も送信されていません。"
    ),
    # コントロールの横に出すモデルの規則 (ui/choices.py)
    "choice.size.none": "{model} は解像度を指定できません",
    "choice.size.single": "解像度の指定は出力画像数が 1 のときのみ: 出力画像数を 1 にしてください",
    "choice.size.rule": "{rule}。{step} の倍数に丸められます",
    "choice.n.range": "1 リクエストあたり 1〜{max} 枚",
    "choice.n.one": "{model} は 1 リクエストあたり 1 枚です",
    "choice.prompt_extend.on": "LLM がプロンプトを書き換えて細部を補います",
    "choice.prompt_extend.none": "{model} はプロンプトの書き換えに対応していません",
    "choice.price.none": "料金は公開されていません",
    "choice.price": "{region}: 画像 1 枚あたり {price}",
    "choice.rate": "1 アカウントあたり{rate}まで",
    "choice.unsure": "確かではない点: {text}",
    # プロンプトの下に出す翻訳の案内 (ui/translate_panel.py)
    "lang.en": "英語",
    "lang.zh": "中国語",
    "lang.ja": "日本語",
    "lang.ko": "韓国語",
    "lang.fr": "フランス語",
    "lang.es": "スペイン語",
    "lang.de": "ドイツ語",
    "lang.it": "イタリア語",
    "lang.pt": "ポルトガル語",
    "lang.vi": "ベトナム語",
    "lang.ru": "ロシア語 (または他のキリル文字の言語)",
    "lang.ar": "アラビア語 (または他のアラビア文字の言語)",
    "lang.he": "ヘブライ語",
    "lang.el": "ギリシャ語",
    "lang.th": "タイ語",
    "lang.hi": "ヒンディー語 (または他のデーヴァナーガリー文字の言語)",
    "lang.bn": "ベンガル語",
    "lang.ta": "タミル語",
    "lang.hy": "アルメニア語",
    "lang.ka": "ジョージア語",
    "lang.km": "クメール語",
    "lang.lo": "ラオ語",
    "lang.my": "ビルマ語",
    "translate.looks": "プロンプトは{language}のようです",
    "translate.looks_other": "プロンプトは中国語・英語以外の言語のようです",
    "translate.why": (
        "。モデルが最もよく理解するのは中国語と英語です。同じ API キーで Qwen-MT が翻訳でき"
        "ます (1 セント未満)。使う前に翻訳を確認できます。"
    ),
    "translate.demo": (
        "デモモード: 内蔵のエミュレーターが本物の翻訳ではない代替テキストを返しました。課金は"
        "されていません。実際の翻訳の料金はおよそこの程度です。"
    ),
    "toast.nothing_to_use": "使える翻訳がありません",
    "toast.empty_translation": (
        "翻訳が空です。入力するか、「元のままにする」をクリックしてください。"
    ),
    "toast.translation_used": (
        "プロンプトを翻訳に置き換えました。確認してから「編集」をクリックしてください。"
    ),
    "toast.instruction_kept": "プロンプトは書いたままにします。",
    "toast.no_translator": "このデプロイでは翻訳を利用できません。",
}
