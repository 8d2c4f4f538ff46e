"""The vocabulary name screening sets aside or weighs less: legal forms, words of trade and places, and the
phrases entity lists add after a name. Kept apart from the matching rules (fldd.risk.screening) so the lists can
grow without touching how names are compared."""

from __future__ import annotations

# Words that say what kind of company it is, not which one, in the languages suppliers register in (English,
# German, French, Spanish, Indonesian, Russian transliterations, Indian usage), and the pinyin of the Chinese
# company words. Dropped wherever they stand, after dots are removed ("S.A." -> "sa").
LEGAL_WORDS = frozenset("""
co company companies ltd limited corp corporation inc incorporated llc llp lp plc pvt gmbh ag kg mbh sa sas sarl
srl spa bv nv pt tbk cv jsc ojsc ooo oao pjsc zao tov group jituan youxian gongsi zeren gufen sdn bhd berhad
sendirian pte ptd pty kk kabushiki kaisha sal saog wll fzco fze fzc jsc ao ltda eirl sac tic as
""".split())
LEGAL_PHRASES = (("s", "de", "rl", "de", "cv"), ("sa", "de", "cv"), ("s", "de", "rl"), ("de", "cv"),
                 ("private", "limited"), ("public", "limited"), ("limited", "liability"), ("joint", "stock"),
                 ("co", "kg"))
# The same in Chinese characters, longest first, removed wherever they stand in a run of characters.
CJK_LEGAL = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司")

# Words that describe a trade or a place: a name with only these left is too common to match on a word left
# out, and leaving one of these out does not make another company. Place names stay in the name itself.
COMMON_WORDS = frozenset("""
and the of textile garment apparel clothing clothes cotton knit knitting knitwear weaving spinning dyeing yarn
fabric fibre fiber silk wool leather shoe footwear trading trade import export imp exp industry industries
industrial manufacturing manufacture factory mill product technology tech science international development
holding enterprise material agricultural agriculture food electronic solar silicon energy new chemical metal
polysilicon hair accessory accessories processing service sourcing supply fashion home garments textiles
xinjiang uyghur uygur autonomous region province county city china chinese hetian hotan kashgar kashi aksu
urumqi turpan korla shihezi changji yili ili hami bingtuan corps production construction guangdong zhejiang
jiangsu fujian shandong anhui henan hebei hubei hunan sichuan yunnan guangxi gansu qinghai ningxia tibet inner
mongolia beijing shanghai shenzhen guangzhou hong kong asia global east west north south
""".split())

# Words that never tell one company from another on their own: the common words above (but "Corps" and
# "Bingtuan", which name one organisation), more words of trade, and places (cities, provinces, countries).
# A name left with none but these is "generic": it is matched only word for word and in the same country.
GENERIC_WORDS = (COMMON_WORDS - {"corps", "bingtuan"}) | LEGAL_WORDS | frozenset("""
a an for in on at by to with information system systems solution solutions engineering resource resources
investment logistics equipment machinery mining power plastic plastics paper rubber steel aluminium aluminum
battery auto parts bio biotechnology pharmaceutical medical health digital network communication software
photovoltaic pv wind component components semiconductor lighting furniture wood toy toys wig seafood fishery
fisheries fish precision glove gloves apparels sports sport goods garmentss agro farm farms estate estates
plantation plantations cocoa coffee palm fresh produce denim knit composite weaving mills mill exports
sugar tea grain oil petroleum gas coal packaging printing cooperative association branch plant works center
centre park zone economic labour labor employment vocational training bureau office government public
first no number one sons brothers star golden great united general modern royal best top quality
shanshan lop zhuhai ningbo xiamen suzhou wuxi hangzhou dongguan foshan tianjin chongqing wuhan nanjing qingdao
dalian shenyang harbin changsha chengdu kunming xian lanzhou xining yinchuan hohhot lhasa nanning haikou guiyang
fuzhou hefei jinan zhengzhou taiyuan shijiazhuang nanchang jiangxi hainan shanxi shaanxi jilin liaoning
heilongjiang macau macao taiwan bangladesh dhaka chittagong gazipur narayanganj vietnam viet nam saigon hanoi
india delhi mumbai tirupur chennai bangalore pakistan karachi lahore faisalabad sialkot turkey istanbul malaysia
thailand bangkok indonesia jakarta cambodia phnom penh myanmar yangon sri lanka colombo europe european america
american usa uk
""".split())

# What entity lists write after a name to take in the group ("... and subsidiaries", "... and its subordinate
# and affiliated entities"): set aside, so the company itself matches. Cut only when every word from "and" on
# is one of these and one of them names the group.
TRAILING_WORDS = frozenset("""
and its their the all of including incl any other related subsidiary subsidiaries subordinate subordinates
affiliated affiliate affiliates entities entity branches branch units unit
""".split())
TRAILING_MARKS = frozenset("subsidiary subsidiaries subordinate subordinates affiliated affiliate affiliates "
                           "entities branches units".split())
