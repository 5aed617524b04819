/** Code tables printed on the card as codes: gender (GB/T 2261.1) and ethnicity (GB/T 3304). */

export const GENDER_LABELS: Record<string, string> = {
  '0': '未知',
  '1': '男',
  '2': '女',
  '9': '未说明',
};

const ETHNICITIES = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜',
  '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳',
  '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米',
  '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
];

export const ETHNICITY_LABELS: Record<string, string> = {
  ...Object.fromEntries(ETHNICITIES.map((label, i) => [String(i + 1).padStart(2, '0'), label])),
  '97': '其他',
  '98': '外国血统中国籍人士',
};

/** Province-level codes of GB/T 2260 (first two digits of a resident ID number). */
export const PROVINCE_CODES: Record<string, string> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾',
};

/** First two digits of residence-permit numbers for HK, Macau and Taiwan residents. */
export const PERMIT_REGION_CODES: Record<string, string> = { '81': '香港', '82': '澳门', '83': '台湾' };
